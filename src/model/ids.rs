//! Typed positions: a node of a framework, a unit of the data, a period of a panel.
//!
//! Nodes, units and periods are all numbered from 0 (framework order, data order, ascending
//! years), and a function that takes three of them as bare `usize` lets a caller swap two
//! without a word from the compiler. These wrappers cost nothing at run time; `index` gives the
//! position for indexing the per-node, per-unit or per-period arrays the results hold.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id {
    ($(#[$doc:meta])* $name:ident, $label:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(usize);

        impl $name {
            /// The id of the item at `position` (0-based, in the order the doc above names).
            pub const fn new(position: usize) -> Self {
                $name(position)
            }

            /// The 0-based position, for indexing the arrays that follow this order.
            pub const fn index(self) -> usize {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{} #{}", $label, self.0)
            }
        }
    };
}

id!(
    /// A node of a [`Framework`](crate::Framework) (an indicator or an aggregate), by its
    /// position in framework (iMeta) order: the order of [`Framework::nodes`](crate::Framework::nodes)
    /// and of every per-node array of [`Results`](crate::Results).
    NodeId,
    "node"
);
id!(
    /// A unit of a [`Dataset`](crate::Dataset) (a province, or a reference row such as the
    /// national average), by its position in data order: the order of
    /// [`Dataset::units`](crate::Dataset::units) and of every score and rank column.
    UnitId,
    "unit"
);
id!(
    /// A period of a [`Dataset`](crate::Dataset), by its position among the years in
    /// ascending order ([`Dataset::periods`](crate::Dataset::periods)); data without a time
    /// column has one period.
    PeriodId,
    "period"
);
