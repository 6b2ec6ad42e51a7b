//! Unit codes typed on the command line (`--focus`, unit codes in `--compare`).
//!
//! A code that is not in the data is an error naming it, how many units there are and the
//! nearest codes that are there: codes such as `CN-GX` and `CN-GD` are easy to mistype and
//! hard to guess without opening iData.

use yardstick::UnitId;
use yardstick::{Dataset, Error, ErrorKind, Place};

use crate::output::plural;

/// How many of the nearest codes an error lists.
const NEAREST: usize = 5;

/// The index of the unit with this code, or an error listing the nearest codes.
pub fn unit_index(data: &Dataset, code: &str) -> Result<UnitId, Error> {
    data.unit_index(code)
        .ok_or_else(|| unknown_unit(data, code))
}

/// The error for a unit code that the data does not have.
pub fn unknown_unit(data: &Dataset, code: &str) -> Error {
    let nearest = nearest(data, code, NEAREST);
    let expected = match data.n_units() {
        0 => "a unit code of the data (it has no units)".to_owned(),
        n => format!(
            "one of the {} of the data (nearest: {})",
            plural(n, "unit code"),
            nearest.join(", ")
        ),
    };
    Error::new(
        ErrorKind::Value {
            expected,
            found: code.into(),
        },
        Place::default().unit(code),
    )
}

/// Up to `k` unit codes closest to `code`: by edit distance (a transposition counts as one
/// edit) ignoring case, ties in data order.
fn nearest<'a>(data: &'a Dataset, code: &str, k: usize) -> Vec<&'a str> {
    let typed = code.to_lowercase();
    let mut scored: Vec<(usize, usize, &str)> = data
        .units()
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let c = u.code.as_str();
            (strsim::osa_distance(&typed, &c.to_lowercase()), i, c)
        })
        .collect();
    scored.sort_unstable();
    scored.into_iter().take(k).map(|(_, _, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provinces() -> Dataset {
        yardstick::io::read_data(
            b"uCode,x\nCN-GD,1\nCN-BJ,2\nCN-GX,3\nCN-SH,4\nCN-GZ,5\nCN-XZ,6\nCN-JS,7\n",
            "iData.csv",
            None,
        )
        .expect("a valid table")
    }

    #[test]
    fn the_nearest_codes_come_first() {
        let data = provinces();
        let near = nearest(&data, "CN-XX", 3);
        assert_eq!(near, ["CN-GX", "CN-XZ", "CN-GD"]);
        assert_eq!(nearest(&data, "cn-gx", 1), ["CN-GX"], "case is ignored");
        assert_eq!(
            nearest(&data, "CN-XG", 1),
            ["CN-GX"],
            "a transposition is one edit"
        );
    }

    #[test]
    fn the_error_names_the_code_the_count_and_the_nearest() {
        let e = unit_index(&provinces(), "CN-XX").unwrap_err().to_string();
        assert!(e.contains("7 unit codes"), "{e}");
        assert!(e.contains("nearest: CN-GX, CN-XZ"), "{e}");
        assert!(e.contains("'CN-XX'"), "{e}");
    }
}
