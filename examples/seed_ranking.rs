//! The embedded default data: CCID's Digital Economy Development Index 2020, ranked, with each
//! province's gap to the leader and to the national average. `cargo xtask demo` runs this.

use yardstick::analysis::gap::{gap, Comparison};
use yardstick::{io::default_data, BuildSpec, Plan, UnitId};

/// The national-average reference row of the seed data.
const NATIONAL_AVERAGE: &str = "CN";
/// The province the 2021 brief benchmarks (Guangxi).
const FOCUS: &str = "CN-GX";

fn main() -> Result<(), yardstick::Error> {
    let (meta, data) = default_data::dedi()?;
    // The published index is the only column: keep its values as they are.
    let spec = BuildSpec::from_json(default_data::DEDI_SPEC)?;
    let plan = Plan::compile(&meta.framework, &data, &spec)?;
    let period = data.last_period();
    let results = plan.run(&data, period)?;
    let index = meta.framework.root();
    let year = data.year(period).map_or(String::new(), |y| y.to_string());
    let root = meta.framework.node(index);
    let english = root.names.get("en").map_or("", String::as_str);
    println!("{} {english} {year}", root.name);
    println!(
        "{:>4}  {:<24}  {:>6}  {:>13}  {:>21}",
        "rank", "unit", "score", "gap to leader", "gap to national avg."
    );

    let mut order: Vec<UnitId> = data.unit_ids().collect();
    order.sort_by_key(|&u| results.rank(index, u).map_or(u64::MAX, |r| r as u64));
    for u in order {
        let unit = data.unit(u);
        let label = format!("{} {}", unit.name, unit.name_in("en"));
        let rank = results
            .rank(index, u)
            .map_or("–".to_owned(), |r| r.to_string());
        let score = results
            .value(index, u)
            .map_or("–".to_owned(), |v| format!("{v:.1}"));
        let to_leader = gap(&data, &results, index, u, &Comparison::Leader)?;
        // The national-average row is the comparison itself: its gap is 0 by definition.
        let to_average = if unit.code.as_str() == NATIONAL_AVERAGE {
            0.0
        } else {
            gap(
                &data,
                &results,
                index,
                u,
                &Comparison::Unit(NATIONAL_AVERAGE.into()),
            )?
            .gap
        };
        println!(
            "{rank:>4}  {label}{}  {score:>6}  {:>13.1}  {:>21.1}",
            " ".repeat(24usize.saturating_sub(display_width(&label))),
            to_leader.gap,
            to_average,
        );
    }

    let focus = data.unit_index(FOCUS).expect("the seed data holds Guangxi");
    let to_leader = gap(&data, &results, index, focus, &Comparison::Leader)?;
    let to_average = gap(
        &data,
        &results,
        index,
        focus,
        &Comparison::Unit(NATIONAL_AVERAGE.into()),
    )?;
    println!(
        "\n{}: {:.1} points behind the leader and {:.1} behind the national average.",
        data.unit(focus).name_in("en"),
        to_leader.gap,
        to_average.gap
    );
    Ok(())
}

/// Terminal columns taken by `text`: East Asian wide characters take two.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            if ('\u{2E80}'..='\u{9FFF}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum()
}
