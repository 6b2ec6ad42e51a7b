//! The native side of the bit-for-bit check: the core itself, without the bindings, must give
//! the digests that the browser test checks (`tests/browser.rs`).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::Digest;
use yardstick::{default_data, io, BuildSpec, Plan};

fn digest(data: &str, meta: &str, spec: &str) -> u64 {
    let (meta, data) =
        io::read_coin(data.as_bytes(), "iData.csv", meta.as_bytes(), "iMeta.csv").unwrap();
    let plan = Plan::compile(&meta.framework, &data, &BuildSpec::from_json(spec).unwrap()).unwrap();
    let results = plan.run(&data, data.last_period()).unwrap();
    let mut digest = Digest::default();
    for column in results.values.iter().chain(&results.ranks) {
        column.iter().for_each(|&x| digest.cell(x));
    }
    digest.value()
}

#[test]
fn asem_native_digest_is_the_one_the_browser_checks() {
    let got = digest(common::ASEM_DATA, common::ASEM_META, common::ASEM_SPEC);
    assert_eq!(
        got,
        common::ASEM_DIGEST,
        "native ASEM digest is {got:#018x}"
    );
}

#[test]
fn seed_native_digest_is_the_one_the_browser_checks() {
    let got = digest(
        default_data::DEDI_DATA,
        default_data::DEDI_META,
        common::SEED_SPEC,
    );
    assert_eq!(
        got,
        common::SEED_DIGEST,
        "native seed digest is {got:#018x}"
    );
}

#[test]
fn uncertainty_native_digest_is_the_one_the_browser_checks() {
    let got = common::uncertainty_digest();
    assert_eq!(
        got,
        common::UNCERTAINTY_DIGEST,
        "native uncertainty digest is {got:#018x}"
    );
}
