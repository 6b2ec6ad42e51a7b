//! The framework: the validated tree of indicators and aggregates with their weights.

use std::collections::HashMap;

use crate::error::{Error, Place, Result};
use crate::model::ids::NodeId;
use crate::model::indicator::{Indicator, IndicatorCode, NodeKind};

/// A validated hierarchy: one root, every parent exists and is an aggregate, no cycles, every
/// aggregate has children. Node indices are positions in iMeta order.
#[derive(Debug, Clone, PartialEq)]
pub struct Framework {
    nodes: Vec<Indicator>,
    parent: Vec<Option<NodeId>>,
    children: Vec<Vec<NodeId>>,
    bottom_up: Vec<NodeId>,
    level: Vec<u32>,
    root: NodeId,
    by_code: HashMap<IndicatorCode, NodeId>,
}

impl Framework {
    /// Validates `nodes` as a tree.
    ///
    /// A single indicator without a parent is a valid framework (its root is the indicator).
    pub fn new(nodes: Vec<Indicator>) -> Result<Self> {
        if nodes.is_empty() {
            return Err(Error::framework(
                Place::default(),
                "no indicators: at least one row of Type Indicator is needed",
            ));
        }
        let mut by_code = HashMap::with_capacity(nodes.len());
        for (i, node) in nodes.iter().enumerate() {
            if by_code.insert(node.code.clone(), NodeId::new(i)).is_some() {
                return Err(Error::new(
                    crate::ErrorKind::Duplicate {
                        code: node.code.to_string(),
                        first_line: None,
                    },
                    Place::of_indicator(node.code.as_str()),
                ));
            }
        }
        let mut parent = vec![None; nodes.len()];
        let mut children = vec![Vec::new(); nodes.len()];
        let mut roots = Vec::new();
        for (i, node) in nodes.iter().enumerate() {
            match &node.parent {
                None => roots.push(NodeId::new(i)),
                Some(code) => {
                    let Some(&p) = by_code.get(code) else {
                        return Err(Error::framework(
                            Place::of_indicator(node.code.as_str()),
                            format!("parent '{code}' is not a code in the metadata"),
                        ));
                    };
                    if nodes[p.index()].kind != NodeKind::Aggregate {
                        return Err(Error::framework(
                            Place::of_indicator(node.code.as_str()),
                            format!("parent '{code}' is an indicator; a parent must be of Type Aggregate"),
                        ));
                    }
                    parent[i] = Some(p);
                    children[p.index()].push(NodeId::new(i));
                }
            }
        }
        let root = match roots.as_slice() {
            [root] => *root,
            [] => {
                return Err(Error::framework(
                    Place::default(),
                    "no root: exactly one node must have an empty Parent (every node has a parent, so the tree has a cycle)",
                ))
            }
            [first, second, ..] => {
                return Err(Error::framework(
                    Place::of_indicator(nodes[second.index()].code.as_str()),
                    format!(
                        "two roots, '{}' and '{}': exactly one node may have an empty Parent",
                        nodes[first.index()].code,
                        nodes[second.index()].code
                    ),
                ))
            }
        };
        for (i, node) in nodes.iter().enumerate() {
            if node.kind == NodeKind::Aggregate && children[i].is_empty() {
                return Err(Error::framework(
                    Place::of_indicator(node.code.as_str()),
                    "aggregate without children: some row must name it as Parent",
                ));
            }
        }
        let bottom_up = bottom_up_order(root, &children);
        if bottom_up.len() != nodes.len() {
            // Nodes not reachable from the root all sit on cycles (every node has one parent).
            let stray = (0..nodes.len())
                .map(NodeId::new)
                .find(|i| !bottom_up.contains(i))
                .unwrap_or(root);
            return Err(Error::framework(
                Place::of_indicator(nodes[stray.index()].code.as_str()),
                "cycle in Parent links: following parents from this node never reaches the root",
            ));
        }
        let mut level = vec![1u32; nodes.len()];
        for &i in &bottom_up {
            level[i.index()] = match nodes[i.index()].level {
                Some(given) => given,
                None => children[i.index()]
                    .iter()
                    .map(|&c| level[c.index()] + 1)
                    .max()
                    .unwrap_or(1),
            };
        }
        Ok(Framework {
            nodes,
            parent,
            children,
            bottom_up,
            level,
            root,
            by_code,
        })
    }

    /// All nodes in metadata order.
    pub fn nodes(&self) -> &[Indicator] {
        &self.nodes
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Always false: a framework has at least one node.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The node at `index`.
    pub fn node(&self, node: NodeId) -> &Indicator {
        &self.nodes[node.index()]
    }

    /// Index of the node with `code`.
    pub fn index_of(&self, code: &str) -> Option<NodeId> {
        IndicatorCode::new(code)
            .ok()
            .and_then(|c| self.by_code.get(&c).copied())
    }

    /// Index of the root.
    pub fn root(&self) -> NodeId {
        self.root
    }

    /// Parent of `index`.
    pub fn parent(&self, node: NodeId) -> Option<NodeId> {
        self.parent[node.index()]
    }

    /// Children of `index` in metadata order.
    pub fn children(&self, node: NodeId) -> &[NodeId] {
        &self.children[node.index()]
    }

    /// Level of `index`: iMeta's `Level` when given, else 1 for indicators and one more than
    /// the highest child for aggregates.
    pub fn level(&self, node: NodeId) -> u32 {
        self.level[node.index()]
    }

    /// Every node after all of its children: the order aggregation walks.
    pub fn bottom_up(&self) -> &[NodeId] {
        &self.bottom_up
    }

    /// Indices of the indicators (leaves) in metadata order.
    pub fn indicators(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.ids()
            .filter(|&i| self.nodes[i.index()].kind == NodeKind::Indicator)
    }

    /// Indices of the aggregates in metadata order.
    pub fn aggregates(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.ids()
            .filter(|&i| self.nodes[i.index()].kind == NodeKind::Aggregate)
    }

    /// Every node, in framework order.
    pub fn ids(&self) -> impl Iterator<Item = NodeId> + use<> {
        (0..self.nodes.len()).map(NodeId::new)
    }
}

/// Post-order walk from the root without recursion (hostile metadata may be very deep).
fn bottom_up_order(root: NodeId, children: &[Vec<NodeId>]) -> Vec<NodeId> {
    let mut order = Vec::with_capacity(children.len());
    let mut stack = vec![(root, 0usize)];
    while let Some((node, next_child)) = stack.pop() {
        if let Some(&child) = children[node.index()].get(next_child) {
            stack.push((node, next_child + 1));
            stack.push((child, 0));
        } else {
            order.push(node);
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(code: &str, kind: NodeKind, parent: Option<&str>) -> Indicator {
        let mut n = Indicator::new(IndicatorCode::new(code).unwrap(), kind);
        n.parent = parent.map(|p| IndicatorCode::new(p).unwrap());
        n
    }

    #[test]
    fn orders_children_before_parents_and_derives_levels() {
        let fw = Framework::new(vec![
            node("a", NodeKind::Indicator, Some("P")),
            node("b", NodeKind::Indicator, Some("P")),
            node("c", NodeKind::Indicator, Some("Index")),
            node("P", NodeKind::Aggregate, Some("Index")),
            node("Index", NodeKind::Aggregate, None),
        ])
        .unwrap();
        let pos = |i: usize| {
            fw.bottom_up()
                .iter()
                .position(|&x| x == NodeId::new(i))
                .unwrap()
        };
        assert!(pos(0) < pos(3) && pos(1) < pos(3) && pos(3) < pos(4) && pos(2) < pos(4));
        assert_eq!(fw.level(NodeId::new(4)), 3);
        assert_eq!(fw.level(NodeId::new(3)), 2);
        assert_eq!(fw.root(), NodeId::new(4));
    }

    #[test]
    fn rejects_cycles_unknown_parents_and_two_roots() {
        let cycle = Framework::new(vec![
            node("a", NodeKind::Indicator, Some("X")),
            node("X", NodeKind::Aggregate, Some("Y")),
            node("Y", NodeKind::Aggregate, Some("X")),
            node("R", NodeKind::Aggregate, None),
            node("b", NodeKind::Indicator, Some("R")),
        ]);
        assert!(cycle.unwrap_err().to_string().contains("cycle"));
        let unknown = Framework::new(vec![node("a", NodeKind::Indicator, Some("Nope"))]);
        assert!(unknown.unwrap_err().to_string().contains("'Nope'"));
        let two = Framework::new(vec![
            node("a", NodeKind::Indicator, None),
            node("b", NodeKind::Indicator, None),
        ]);
        assert!(two.unwrap_err().to_string().contains("two roots"));
    }
}
