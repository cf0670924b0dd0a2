//! The era of an archive as each platform's own type ([`PlatformLayout`]), carried
//! type-erased in a [`crate::Detection`] ([`AnyLayout`]), and [`layouts!`](crate::layouts)
//! that declares a platform's `Layout` enum with its names once.

/// The era of one platform's exports, as the platform's own type (each parser's
/// `Layout` enum): the archive crate carries it in a [`crate::Detection`] without knowing the
/// platforms, and the parser gets its own value back with [`AnyLayout::get`].
pub trait PlatformLayout: std::any::Any + std::fmt::Debug + Send + Sync {
    /// The layout's stable name, prefixed by the platform's (`linkedin/url-2023`): what
    /// the report, `imports.layout` and the JSON output show.
    fn name(&self) -> &'static str;
}

/// A platform's [`PlatformLayout`] with its type erased, as a [`crate::Detection`] holds it.
///
/// Two layouts are equal when their names are; it compares equal to its name as a
/// string, and displays as its name.
///
/// ```
/// use freehold_archive::{AnyLayout, PlatformLayout};
///
/// #[derive(Debug, Clone, Copy, PartialEq)]
/// enum Layout { Old, New }
/// impl PlatformLayout for Layout {
///     fn name(&self) -> &'static str {
///         match self { Layout::Old => "example/old", Layout::New => "example/new" }
///     }
/// }
///
/// let layout = AnyLayout::new(Layout::New);
/// assert_eq!(layout, "example/new");
/// assert_eq!(layout.to_string(), "example/new");
/// assert_eq!(layout.get::<Layout>(), Some(Layout::New));
/// assert_eq!(layout.get::<u8>(), None);
/// ```
#[derive(Clone)]
pub struct AnyLayout {
    name: &'static str,
    value: std::sync::Arc<dyn std::any::Any + Send + Sync>,
}

impl AnyLayout {
    /// Wraps a platform's layout.
    pub fn new<L: PlatformLayout>(layout: L) -> Self {
        AnyLayout {
            name: layout.name(),
            value: std::sync::Arc::new(layout),
        }
    }

    /// The layout's stable name (`twitter/ytd-data-plural`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The platform's own value, if this layout is of type `L`.
    pub fn get<L: std::any::Any + Copy>(&self) -> Option<L> {
        self.value.downcast_ref::<L>().copied()
    }
}

impl std::fmt::Debug for AnyLayout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("AnyLayout").field(&self.name).finish()
    }
}

impl std::fmt::Display for AnyLayout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl PartialEq for AnyLayout {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for AnyLayout {}

impl PartialEq<str> for AnyLayout {
    fn eq(&self, other: &str) -> bool {
        self.name == other
    }
}

impl PartialEq<&str> for AnyLayout {
    fn eq(&self, other: &&str) -> bool {
        self.name == *other
    }
}

impl PartialEq<String> for AnyLayout {
    fn eq(&self, other: &String) -> bool {
        self.name == other.as_str()
    }
}

impl<L: PlatformLayout> From<L> for AnyLayout {
    fn from(layout: L) -> Self {
        AnyLayout::new(layout)
    }
}

/// Declares a platform's `Layout` enum: each era with its doc comment and its stable
/// name. It derives `Debug`, `Clone`, `Copy`, `PartialEq`, `Eq` and `Hash`, and writes
/// `Layout::ALL`, `name()`, `from_name()`, [`PlatformLayout`] and `Display`, so no parser
/// spells the name table out twice.
///
/// ```
/// freehold_archive::layouts! {
///     /// The eras of an example platform.
///     pub enum Layout {
///         /// Before 2020.
///         Old => "example/old",
///         /// 2020 on.
///         New => "example/new",
///     }
/// }
///
/// assert_eq!(Layout::New.name(), "example/new");
/// assert_eq!(Layout::from_name("example/old"), Some(Layout::Old));
/// assert_eq!(Layout::from_name("example/none"), None);
/// assert_eq!(Layout::ALL, [Layout::Old, Layout::New]);
/// assert_eq!(Layout::Old.to_string(), "example/old");
/// let any = freehold_archive::AnyLayout::new(Layout::New);
/// assert_eq!(any, "example/new");
/// assert_eq!(any.get::<Layout>(), Some(Layout::New));
/// ```
#[macro_export]
macro_rules! layouts {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every layout, in the order declared.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The layout's name in the report and `imports.layout`.
            pub fn name(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }

            /// The layout with that name.
            pub fn from_name(name: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|l| l.name() == name)
            }
        }

        impl $crate::PlatformLayout for $name {
            fn name(&self) -> &'static str {
                $name::name(*self)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}
