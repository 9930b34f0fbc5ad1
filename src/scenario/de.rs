//! A serde `Deserializer` over the positioned tree of [`super::tree`].
//!
//! Every error it returns carries the line and column of the value at fault and its field path
//! (`units[3].zone`), so the loader can decode each part of a file on its own and report them all.

use super::tree::{Field, Kind, Node};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

mod error;

pub use error::{DeError, DeErrorKind, closest, quoted_name};

/// Decodes one typed value from a node; `path` names the node in messages.
pub fn from_node<'de, T: de::Deserialize<'de>>(node: &'de Node, path: &str) -> Result<T, DeError> {
    T::deserialize(NodeDe {
        node,
        path: path.to_string(),
        skip_name: false,
    })
    .map_err(|e| e.at(node.pos, path))
}

struct NodeDe<'a> {
    node: &'a Node,
    path: String,
    /// The node's name is an enum variant's, not a struct's: do not check it against the struct.
    skip_name: bool,
}

impl<'a> NodeDe<'a> {
    fn child(&self, node: &'a Node, path: String) -> NodeDe<'a> {
        NodeDe {
            node,
            path,
            skip_name: false,
        }
    }

    fn fail(&self, message: String) -> DeError {
        DeError::new(DeErrorKind::BadValue, message).placed(self.node.pos, self.path.clone())
    }

    fn expected(&self, what: &str) -> DeError {
        let found = match &self.node.kind {
            Kind::Ident(n) => format!("`{n}`"),
            Kind::Str(s) => format!("the string \"{s}\""),
            Kind::Int(i) => format!("the number {i}"),
            Kind::Struct(Some(n), _) | Kind::Tuple(Some(n), _) => format!("`{n}(...)`"),
            _ => self.node.describe().to_string(),
        };
        self.fail(format!("expected {what}, found {found}"))
    }
}

macro_rules! forward_to_any {
    ($($m:ident)*) => { $(
        fn $m<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> { self.deserialize_any(v) }
    )* };
}

impl<'de> de::Deserializer<'de> for NodeDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let pos = self.node.pos;
        let path = self.path.clone();
        let r = match &self.node.kind {
            Kind::Int(i) => match i64::try_from(*i) {
                Ok(x) => v.visit_i64(x),
                Err(_) => v.visit_i128(*i),
            },
            Kind::Float(f) => v.visit_f64(*f),
            Kind::Str(s) => v.visit_str(s),
            Kind::Char(c) => v.visit_char(*c),
            Kind::Ident(n) if n == "true" => v.visit_bool(true),
            Kind::Ident(n) if n == "false" => v.visit_bool(false),
            Kind::Ident(n) if n == "None" => v.visit_none(),
            Kind::Ident(n) => v.visit_str(n),
            Kind::Tuple(Some(n), items) if n == "Some" && items.len() == 1 => {
                v.visit_some(self.child(&items[0], path.clone()))
            }
            Kind::Tuple(_, items) | Kind::List(items) => v.visit_seq(Seq {
                items,
                i: 0,
                path: &path,
            }),
            Kind::Struct(_, fields) => v.visit_map(Fields {
                fields,
                i: 0,
                path: &path,
            }),
            Kind::Map(entries) => v.visit_map(Entries {
                entries,
                i: 0,
                path: &path,
            }),
        };
        r.map_err(|e| e.at(pos, &path))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            Kind::Ident(n) if n == "true" || n == "false" => self.deserialize_any(v),
            _ => Err(self.expected("`true` or `false`")),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            Kind::Str(s) => v
                .visit_str(s)
                .map_err(|e: DeError| e.at(self.node.pos, &self.path)),
            _ => Err(self.expected("a string in double quotes")),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_str(v)
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let pos = self.node.pos;
        let path = self.path.clone();
        let r = match &self.node.kind {
            Kind::Ident(n) if n == "None" => v.visit_none(),
            Kind::Tuple(Some(n), items) if n == "Some" => {
                if items.len() != 1 {
                    return Err(self.fail("`Some(...)` holds exactly one value".into()));
                }
                v.visit_some(self.child(&items[0], path.clone()))
            }
            // Like ron's `implicit_some`: a bare value where an optional one is allowed.
            _ => v.visit_some(self),
        };
        r.map_err(|e| e.at(pos, &path))
    }

    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            Kind::Tuple(None, items) if items.is_empty() => v.visit_unit(),
            _ => Err(self.expected("`()`")),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _n: &'static str,
        v: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.kind {
            Kind::Tuple(Some(n), items) if n == name && items.len() == 1 => {
                let path = self.path.clone();
                v.visit_newtype_struct(self.child(&items[0], path))
            }
            _ => v.visit_newtype_struct(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            Kind::List(items) => v.visit_seq(Seq {
                items,
                i: 0,
                path: &self.path,
            }),
            _ => Err(self.expected("a list in `[...]`")),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, v: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            Kind::Tuple(None, items) | Kind::List(items) if items.len() == len => {
                v.visit_seq(Seq {
                    items,
                    i: 0,
                    path: &self.path,
                })
            }
            _ => Err(self.expected(&format!("a tuple of {len} values, like `(1, 2)`"))),
        }
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _n: &'static str,
        len: usize,
        v: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.kind {
            Kind::Tuple(_, items) if items.len() == len => v.visit_seq(Seq {
                items,
                i: 0,
                path: &self.path,
            }),
            _ => Err(self.expected(&format!("a tuple of {len} values"))),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            Kind::Map(entries) => v.visit_map(Entries {
                entries,
                i: 0,
                path: &self.path,
            }),
            _ => Err(self.expected("a map in `{...}`")),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        let pos = self.node.pos;
        let path = self.path.clone();
        let r = match &self.node.kind {
            Kind::Struct(n, fields) => {
                if let Some(n) = n.as_deref().filter(|n| *n != name && !self.skip_name) {
                    return Err(self.fail(format!(
                        "expected `{name}(...)` or `(...)`, found `{n}(...)`"
                    )));
                }
                v.visit_map(Fields {
                    fields,
                    i: 0,
                    path: &path,
                })
            }
            Kind::Tuple(_, items) if items.is_empty() => v.visit_map(Fields {
                fields: &[],
                i: 0,
                path: &path,
            }),
            _ => return Err(self.expected("named fields in `(...)`, like `(id: \"x\")`")),
        };
        r.map_err(|e| e.at(pos, &path))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        let pos = self.node.pos;
        let path = self.path.clone();
        let r = match &self.node.kind {
            Kind::Ident(n) => v.visit_enum(n.as_str().into_deserializer()),
            Kind::Tuple(Some(n), _) | Kind::Struct(Some(n), _) => {
                v.visit_enum(Variant { name: n, de: self })
            }
            Kind::Str(s) => return Err(self.fail(quoted_name(s, variants))),
            _ => return Err(self.expected("a name such as `Hostile` or `Move(\"zone\")`")),
        };
        r.map_err(|e| e.at(pos, &path))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            Kind::Ident(n) | Kind::Str(n) => v.visit_str(n),
            _ => Err(self.expected("a name")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        v.visit_unit()
    }

    forward_to_any! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes deserialize_byte_buf
    }
}

struct Seq<'a, 'p> {
    items: &'a [Node],
    i: usize,
    path: &'p str,
}

impl<'de> de::SeqAccess<'de> for Seq<'de, '_> {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(node) = self.items.get(self.i) else {
            return Ok(None);
        };
        let path = format!("{}[{}]", self.path, self.i);
        self.i += 1;
        seed.deserialize(NodeDe {
            node,
            path: path.clone(),
            skip_name: false,
        })
        .map(Some)
        .map_err(|e| e.at(node.pos, &path))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.i)
    }
}

struct Fields<'a, 'p> {
    fields: &'a [(Field, Node)],
    i: usize,
    path: &'p str,
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

impl<'de> de::MapAccess<'de> for Fields<'de, '_> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((field, _)) = self.fields.get(self.i) else {
            return Ok(None);
        };
        if self.fields[..self.i]
            .iter()
            .any(|(f, _)| f.name == field.name)
        {
            return Err(DeError::new(
                DeErrorKind::Repeated,
                format!("the field `{}` is given twice", field.name),
            )
            .placed(field.pos, join(self.path, &field.name)));
        }
        let path = join(self.path, &field.name);
        seed.deserialize(field.name.as_str().into_deserializer())
            .map(Some)
            .map_err(|e: DeError| e.at(field.pos, &path))
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let (field, node) = &self.fields[self.i];
        self.i += 1;
        let path = join(self.path, &field.name);
        seed.deserialize(NodeDe {
            node,
            path: path.clone(),
            skip_name: false,
        })
        .map_err(|e| e.at(node.pos, &path))
    }
}

struct Entries<'a, 'p> {
    entries: &'a [(Node, Node)],
    i: usize,
    path: &'p str,
}

impl<'de> de::MapAccess<'de> for Entries<'de, '_> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((k, _)) = self.entries.get(self.i) else {
            return Ok(None);
        };
        if self.entries[..self.i].iter().any(|(p, _)| p.kind == k.kind) {
            let key = k
                .as_str()
                .map(|s| format!("`{s}`"))
                .unwrap_or_else(|| "this key".into());
            return Err(DeError::new(
                DeErrorKind::Repeated,
                format!("the key {key} is given twice; give each key once"),
            )
            .placed(k.pos, self.path.to_string()));
        }
        seed.deserialize(NodeDe {
            node: k,
            path: self.path.to_string(),
            skip_name: false,
        })
        .map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let (k, node) = &self.entries[self.i];
        self.i += 1;
        let key = match &k.kind {
            Kind::Str(s) | Kind::Ident(s) => s.clone(),
            _ => format!("{}", self.i - 1),
        };
        let path = format!("{}[\"{key}\"]", self.path);
        seed.deserialize(NodeDe {
            node,
            path: path.clone(),
            skip_name: false,
        })
        .map_err(|e| e.at(node.pos, &path))
    }
}

struct Variant<'a> {
    name: &'a str,
    de: NodeDe<'a>,
}

impl<'de> de::EnumAccess<'de> for Variant<'de> {
    type Error = DeError;
    type Variant = NodeDe<'de>;
    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, NodeDe<'de>), DeError> {
        let v = seed.deserialize(self.name.into_deserializer())?;
        Ok((v, self.de))
    }
}

impl<'de> de::VariantAccess<'de> for NodeDe<'de> {
    type Error = DeError;
    fn unit_variant(self) -> Result<(), DeError> {
        Err(self.fail("this value takes no `(...)`".into()))
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        match &self.node.kind {
            Kind::Tuple(_, items) if items.len() == 1 => {
                let path = self.path.clone();
                seed.deserialize(self.child(&items[0], path))
            }
            Kind::Struct(..) => {
                // `Variant(a: 1)` for a newtype variant holding a struct.
                seed.deserialize(NodeDe {
                    node: self.node,
                    path: self.path.clone(),
                    skip_name: true,
                })
            }
            _ => Err(self.fail("expected one value in `(...)`".into())),
        }
    }
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, v: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            Kind::Tuple(_, items) if items.len() == len => v.visit_seq(Seq {
                items,
                i: 0,
                path: &self.path,
            }),
            _ => Err(self.fail(format!("expected {len} values in `(...)`"))),
        }
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _f: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.kind {
            Kind::Struct(_, fields) => v.visit_map(Fields {
                fields,
                i: 0,
                path: &self.path,
            }),
            _ => Err(self.fail("expected named fields in `(...)`".into())),
        }
    }
}
