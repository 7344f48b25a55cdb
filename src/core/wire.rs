//! The one place where closed enums meet their wire strings.
//!
//! `wire_enum!` declares an enum together with its table of serialised names, so a string
//! literal for a variant exists exactly once; `as_str`, `parse` and serde all read that table.

use serde::{Deserialize, Deserializer};

/// A closed enum with a fixed wire name per variant.
pub trait WireEnum: Sized + Copy + 'static {
    /// Every variant, in declaration order.
    const ALL: &'static [Self];
    /// The serialised name.
    fn as_str(&self) -> &'static str;
    /// The variant with this exact serialised name.
    fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == s)
    }
}

/// Declares a `Copy` enum whose variants serialise as the given strings.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $crate::core::wire::WireEnum for $name {
            const ALL: &'static [Self] = &[$($name::$variant,)+];
            fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $wire,)+ }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::core::wire::WireEnum::as_str(self))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($crate::core::wire::WireEnum::as_str(self))
            }
        }
    };
}
pub(crate) use wire_enum;

/// A wire enum read from untrusted input: either a known variant or something else.
///
/// Deserialising never fails on an unknown value and never keeps it, so validation can report
/// the field path and rule without echoing what was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice<T> {
    /// A known variant.
    Known(T),
    /// A string outside the enum, or a value of the wrong JSON type.
    Unknown,
}

impl<T: WireEnum> Choice<T> {
    /// The known variant, if any.
    pub fn known(&self) -> Option<T> {
        match self {
            Choice::Known(v) => Some(*v),
            Choice::Unknown => None,
        }
    }
}

impl<T: WireEnum> From<T> for Choice<T> {
    fn from(v: T) -> Self {
        Choice::Known(v)
    }
}

impl<'de, T: WireEnum> Deserialize<'de> for Choice<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawScalar::deserialize(d)?;
        Ok(match raw {
            RawScalar::Text(s) => T::parse(&s).map_or(Choice::Unknown, Choice::Known),
            RawScalar::Other(_) => Choice::Unknown,
        })
    }
}

impl<T: WireEnum + serde::Serialize> serde::Serialize for Choice<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Choice::Known(v) => v.serialize(s),
            Choice::Unknown => Err(serde::ser::Error::custom("unknown enum value")),
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawScalar {
    Text(String),
    // Kept only to swallow a wrong-typed value without an error that would quote it.
    #[allow(dead_code)]
    Other(serde::de::IgnoredAny),
}
