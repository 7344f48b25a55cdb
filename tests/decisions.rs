//! The decisions that used to live in the web layer, tested natively: when the status endpoint
//! is asked and what its answer does, and one request per credential per page.
#![allow(clippy::unwrap_used)]

use seekpass_button::core::flight::{FlightTable, Role};
use seekpass_button::core::machine::{Effect, Input, Machine, Notice};
use seekpass_button::core::retry::RetryPolicy;
use seekpass_button::core::status::SubmissionStatus as S;
use seekpass_button::CredentialType;

fn machine(has_status: bool) -> Machine {
    Machine::new(RetryPolicy::default(), false)
        .for_type(CredentialType::Education)
        .with_status_endpoint(has_status)
}

#[test]
fn the_status_is_asked_once_at_a_time_and_only_verified_adds() {
    let mut m = machine(true);
    assert_eq!(m.handle(Input::Shown, 0.5), [Effect::CheckStatus]);
    assert_eq!(m.handle(Input::Shown, 0.5), [], "one request at a time");
    assert_eq!(
        m.handle(Input::StatusAnswered(Some(S::Verified)), 0.5),
        [Effect::Emit(Notice::Status {
            credential_type: CredentialType::Education,
            status: S::Verified
        })]
    );
    assert!(m.added());
    // Shown again (tab visible after SEEK Pass): asked again; a failure changes nothing.
    assert_eq!(m.handle(Input::Shown, 0.5), [Effect::CheckStatus]);
    assert_eq!(m.handle(Input::StatusAnswered(None), 0.5), []);
    assert!(m.added(), "a failed check keeps what was known");
    m.handle(Input::Shown, 0.5);
    m.handle(Input::StatusAnswered(Some(S::Canceled)), 0.5);
    assert!(!m.added());
    // Busy is never shown as added, even when verified.
    m.handle(Input::Shown, 0.5);
    m.handle(Input::StatusAnswered(Some(S::Verified)), 0.5);
    m.handle(
        Input::Click {
            now_ms: 0,
            online: true,
            tab: false,
        },
        0.5,
    );
    assert!(!m.added());
}

#[test]
fn no_status_endpoint_or_removed_asks_nothing() {
    let mut m = machine(false);
    assert_eq!(m.handle(Input::Shown, 0.5), []);
    let mut m = machine(true);
    m.handle(Input::Shown, 0.5);
    m.handle(Input::Removed, 0.5);
    assert_eq!(
        m.handle(Input::StatusAnswered(Some(S::Verified)), 0.5),
        [],
        "too late"
    );
    assert_eq!(m.handle(Input::Shown, 0.5), []);
    assert!(!m.added());
}

#[test]
fn a_new_machine_keeps_added_only_for_the_same_credential() {
    let mut old = machine(true);
    old.handle(Input::Shown, 0.5);
    old.handle(Input::StatusAnswered(Some(S::Verified)), 0.5);
    assert!(machine(true).succeeding(&old, true).added());
    assert!(!machine(true).succeeding(&old, false).added());
    let mut asking = machine(true);
    asking.handle(Input::Shown, 0.5);
    let mut next = machine(true).succeeding(&asking, true);
    assert_eq!(
        next.handle(Input::Shown, 0.5),
        [],
        "the old request is still running"
    );
}

#[test]
fn one_flight_per_credential() {
    let mut t: FlightTable<&str, u32> = FlightTable::new();
    assert_eq!(t.join("a", 1), Role::Lead);
    assert_eq!(t.join("a", 2), Role::Follow);
    assert_eq!(
        t.join("a", 2),
        Role::Follow,
        "a repeat does not follow twice"
    );
    assert_eq!(t.join("a", 1), Role::Lead, "the leader's retry still leads");
    assert_eq!(t.join("b", 3), Role::Lead, "another credential flies alone");
    assert_eq!(t.join("a", 4), Role::Follow);
    assert_eq!(t.land(&1), [2, 4]);
    assert_eq!(t.land(&1), Vec::<u32>::new(), "landed once");
    assert_eq!(t.join("a", 2), Role::Lead, "a new flight after landing");
    t.forget(|id| *id == 2);
    assert_eq!(
        t.join("a", 5),
        Role::Lead,
        "a removed leader's flight is forgotten"
    );
    assert_eq!(t.land(&3), Vec::<u32>::new());
}

#[test]
fn deadlines_belong_to_the_machine() {
    use seekpass_button::core::classify::Failure;
    use seekpass_button::core::error::ErrorCode;
    let mut m = machine(false);
    m.handle(
        Input::Click {
            now_ms: 100,
            online: true,
            tab: false,
        },
        0.5,
    );
    m.handle(
        Input::Failed {
            failure: Failure::new(ErrorCode::Network),
            now_ms: 200,
        },
        0.5,
    );
    assert!(
        m.next_deadline().is_some_and(|at| at > 200),
        "a retry is due later"
    );
    m.handle(Input::Removed, 0.5);
    assert_eq!(
        m.next_deadline(),
        None,
        "a removed button wakes for nothing"
    );
    // A follower's rate limit starts when the host says it landed, not at its click.
    let mut m = machine(false);
    m.handle(
        Input::Click {
            now_ms: 0,
            online: true,
            tab: false,
        },
        0.5,
    );
    m.set_now(5_000);
    let limited = Failure {
        retry_after_secs: Some(60),
        ..Failure::new(ErrorCode::RateLimited)
    };
    m.handle(Input::SharedResult(Err(limited)), 0.5);
    assert_eq!(m.next_deadline(), Some(65_000));
    assert!(!m.accepts_click());
    assert_eq!(m.handle(Input::Timeout { now_ms: 64_999 }, 0.5), []);
    assert!(!m.accepts_click(), "not before its deadline");
    m.handle(Input::Timeout { now_ms: 65_000 }, 0.5);
    assert!(m.accepts_click());
}

/// A click in new-tab mode with its tab open.
fn tab_click(m: &mut Machine, online: bool) -> Vec<Effect> {
    m.handle(
        Input::Click {
            now_ms: 0,
            online,
            tab: true,
        },
        0.5,
    )
}

/// The current attempt fails with `code`.
fn fail(m: &mut Machine, code: seekpass_button::core::error::ErrorCode) -> Vec<Effect> {
    m.handle(
        Input::Failed {
            failure: seekpass_button::core::classify::Failure::new(code),
            now_ms: 10,
        },
        0.5,
    )
}

#[test]
fn a_tab_opened_for_a_click_closes_unless_seek_pass_is_in_it() {
    use seekpass_button::core::error::ErrorCode;
    let close = |effects: &[Effect]| effects.iter().filter(|e| **e == Effect::CloseTab).count();
    // A final failure closes it, once.
    let mut m = machine(false);
    tab_click(&mut m, true);
    let failed = fail(&mut m, ErrorCode::Forbidden);
    assert_eq!(close(&failed), 1);
    assert_eq!(
        close(&m.handle(Input::PageRestored, 0.5)),
        0,
        "already closed"
    );
    // A retry keeps it open for the next attempt.
    let mut m = machine(false);
    tab_click(&mut m, true);
    let retry = fail(&mut m, ErrorCode::Network);
    assert_eq!(close(&retry), 0);
    // Offline: no request, the tab closes with the error.
    let mut m = machine(false);
    assert_eq!(close(&tab_click(&mut m, false)), 1);
    // A follower's tab closes at once: the leader's tab shows SEEK Pass.
    let mut m = machine(false);
    tab_click(&mut m, true);
    assert_eq!(m.handle(Input::Following, 0.5), [Effect::CloseTab]);
    assert_eq!(
        close(&m.handle(Input::SharedResult(Ok(CredentialType::Education)), 0.5)),
        0
    );
    // Restored, disabled or removed while asking: the fetch is cancelled and the tab closed.
    for end in [
        Input::PageRestored,
        Input::SetDisabled(true),
        Input::Removed,
    ] {
        let mut m = machine(false);
        tab_click(&mut m, true);
        assert_eq!(
            m.handle(end.clone(), 0.5),
            [Effect::CancelFetch, Effect::CloseTab],
            "{end:?}"
        );
    }
    // SEEK Pass opened in the tab: the tab is the person's, never closed, also after
    // `Departed` makes the button ready again.
    let mut m = machine(false);
    tab_click(&mut m, true);
    let redirect = seekpass_button::accept_redirect(
        "https://app.seekpass.co/partner/add/batch#clientId=a&content=b",
        &seekpass_button::Environment::Production,
    )
    .unwrap();
    m.handle(Input::Succeeded(redirect), 0.5);
    assert_eq!(close(&m.handle(Input::Navigated, 0.5)), 0);
    assert_eq!(close(&m.handle(Input::Departed, 0.5)), 0);
    // A click the machine ignores (one is running) closes its own tab only.
    let mut m = machine(false);
    tab_click(&mut m, true);
    assert_eq!(tab_click(&mut m, true), [Effect::CloseTab]);
    assert_eq!(m.phase(), seekpass_button::core::machine::Phase::Busy);
}

/// The message after a failure says whether trying again helps: "try again" only where it can,
/// never for a refusal (sign-in, forbidden, rejected), which would fail the same way (issue 19);
/// the button's label keeps its purpose either way (accessibility.md A9).
#[test]
fn only_retryable_failures_say_try_again() {
    use seekpass_button::core::messages::{Locale, Message};
    use seekpass_button::ErrorCode as E;
    let says_retry = |code| {
        Locale::En
            .text(Message::for_error(code))
            .contains("try again")
    };
    for code in [
        E::Offline,
        E::Network,
        E::Timeout,
        E::Aborted,
        E::RateLimited,
        E::ServerUnavailable,
    ] {
        assert!(says_retry(code), "{code:?}");
    }
    for code in [
        E::NotAuthenticated,
        E::Forbidden,
        E::Rejected,
        E::PopupBlocked,
    ] {
        assert!(!says_retry(code), "{code:?}");
    }
}
