//! Stable ids. Files name things by string; the engine numbers them in declaration order, so an id
//! is the same on every machine and sorting by it is sorting by the scenario's own order.

use serde::{Deserialize, Serialize};

macro_rules! id {
    ($(#[$m:meta])* $name:ident($t:ty)) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub struct $name(pub $t);
        impl $name {
            /// The index into the scenario's table.
            pub fn index(self) -> usize { self.0 as usize }
        }
    };
}

id!(
    /// A side, by its position in `sides`.
    SideId(u16)
);
id!(
    /// A zone, by its position in `zones`.
    ZoneId(u32)
);
id!(
    /// A unit: units in `units` first, then units that events may add, in the order written.
    UnitId(u32)
);
id!(
    /// A unit type, by its position in `unit_types`.
    KindId(u16)
);
id!(
    /// A track, by its position in `tracks`.
    TrackId(u16)
);
id!(
    /// A scenario event, by its position in `events`.
    EventId(u16)
);
