//! The units of a dataset by code.
//!
//! A `HashMap<UnitCode, UnitId>` holds a second copy of every code next to the units' own. At
//! 300,000 units (`yardstick compute` on a 300,000 × 20 table) a heap profile put that map at
//! 22 MB, 17 MB of table and 5 MB of copied codes: about a fifth of the table's own value
//! columns. This index keeps only each unit's position in a hash table and compares a code it
//! looks up with the units' own codes, 5 MB at that size.

use std::hash::{BuildHasher, RandomState};

use hashbrown::HashTable;

use crate::model::ids::UnitId;
use crate::model::unit::Unit;

/// Positions of units, found by code. The units themselves are kept by the caller and passed
/// to each call: every position in the index is a position in that slice.
#[derive(Debug, Clone, Default)]
pub(crate) struct UnitIndex {
    table: HashTable<UnitId>,
    hasher: RandomState,
}

impl UnitIndex {
    /// An empty index with room for `capacity` units.
    pub fn with_capacity(capacity: usize) -> Self {
        UnitIndex {
            table: HashTable::with_capacity(capacity),
            hasher: RandomState::new(),
        }
    }

    /// The index of every unit of `units`, or the first unit whose code an earlier unit has.
    pub fn of(units: &[Unit]) -> Result<Self, UnitId> {
        let mut index = UnitIndex::with_capacity(units.len());
        for u in 0..units.len() {
            if index.insert(units, UnitId::new(u)).is_some() {
                return Err(UnitId::new(u));
            }
        }
        Ok(index)
    }

    /// Number of units indexed.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// The unit of `units` with `code`.
    pub fn get(&self, units: &[Unit], code: &str) -> Option<UnitId> {
        self.table
            .find(self.hasher.hash_one(code), |u| {
                units[u.index()].code.as_str() == code
            })
            .copied()
    }

    /// Adds `units[id]`, unless a unit with its code is indexed already: that unit is returned
    /// and nothing changes.
    pub fn insert(&mut self, units: &[Unit], id: UnitId) -> Option<UnitId> {
        let code = units[id.index()].code.as_str();
        if let Some(first) = self.get(units, code) {
            return Some(first);
        }
        let hasher = &self.hasher;
        self.table.insert_unique(hasher.hash_one(code), id, |u| {
            hasher.hash_one(units[u.index()].code.as_str())
        });
        None
    }

    /// Gives back the room beyond the units indexed (a reader sizes the index by rows, and a
    /// panel has fewer units than rows).
    pub fn shrink_to_fit(&mut self, units: &[Unit]) {
        let hasher = &self.hasher;
        self.table
            .shrink_to_fit(|u| hasher.hash_one(units[u.index()].code.as_str()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::unit::UnitCode;

    fn units(codes: &[&str]) -> Vec<Unit> {
        codes
            .iter()
            .map(|c| Unit::new(UnitCode::new(c).unwrap(), *c))
            .collect()
    }

    #[test]
    fn finds_each_unit_by_its_code_and_nothing_else() {
        let units = units(&["CN-GX", "CN-GD", "CN"]);
        let index = UnitIndex::of(&units).unwrap();
        assert_eq!(index.len(), 3);
        for (u, unit) in units.iter().enumerate() {
            assert_eq!(index.get(&units, unit.code.as_str()), Some(UnitId::new(u)));
        }
        assert_eq!(index.get(&units, "CN-ZJ"), None);
        assert_eq!(index.get(&units, "cn-gx"), None);
    }

    #[test]
    fn a_repeated_code_names_the_repeat_and_the_first() {
        let units = units(&["A", "B", "A"]);
        assert_eq!(UnitIndex::of(&units).unwrap_err(), UnitId::new(2));
        let mut index = UnitIndex::with_capacity(1);
        assert_eq!(index.insert(&units, UnitId::new(0)), None);
        assert_eq!(index.insert(&units, UnitId::new(2)), Some(UnitId::new(0)));
        assert_eq!(index.len(), 1);
    }

    #[test]
    fn lookups_hold_after_growing_and_shrinking() {
        let codes: Vec<String> = (0..1000).map(|i| format!("U{i}")).collect();
        let units: Vec<Unit> = codes
            .iter()
            .map(|c| Unit::new(UnitCode::new(c).unwrap(), c))
            .collect();
        let mut index = UnitIndex::with_capacity(10);
        for u in 0..units.len() {
            assert_eq!(index.insert(&units, UnitId::new(u)), None);
        }
        index.shrink_to_fit(&units);
        assert_eq!(index.get(&units, "U999"), Some(UnitId::new(999)));
        assert_eq!(index.get(&units, "U0"), Some(UnitId::new(0)));
    }
}
