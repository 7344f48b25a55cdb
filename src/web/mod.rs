//! The browser side: the only code that touches the DOM, `fetch`, timers and navigation.
//! Each file is one concern; every decision is delegated to [`crate::core`].

pub mod button;
mod controller;
pub mod dom;
pub mod error;
pub mod events;
pub mod keys;
pub mod navigate;
pub mod panic;
mod status;
pub mod transport;
pub mod view;

// A free-list allocator of about 1 KB instead of dlmalloc (about 5 KB): the widget makes few,
// small allocations, and the lock-wrapped variant needs no `unsafe`.
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());
