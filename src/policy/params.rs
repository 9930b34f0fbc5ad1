//! Policy parameters as written after the name: `aggressive:min_odds=3,neutral=false`. Every key
//! must be one the policy knows and every value must parse; anything else is an error that names
//! the policy, the key and what was expected.

use std::collections::BTreeMap;

/// The `key=value` pairs given to one policy, checked against the keys it accepts.
#[derive(Debug, Default)]
pub struct Params {
    policy: String,
    values: BTreeMap<String, String>,
}

impl Params {
    /// Splits `text` (`key=value,...`, possibly empty) for `policy`, which accepts `allowed` keys.
    pub fn parse(policy: &str, text: &str, allowed: &[&str]) -> Result<Params, String> {
        let mut values = BTreeMap::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((k, v)) = part.split_once('=') else {
                return Err(format!(
                    "policy `{policy}`: parameter `{part}` has no value; write KEY=VALUE, e.g. `{policy}:{}=...`",
                    allowed.first().copied().unwrap_or("key")
                ));
            };
            let (k, v) = (k.trim(), v.trim());
            if !allowed.contains(&k) {
                let hint = crate::scenario::de::closest(k, allowed)
                    .map(|c| format!(" (did you mean `{c}`?)"))
                    .unwrap_or_default();
                let list = if allowed.is_empty() {
                    "it takes no parameters".to_string()
                } else {
                    format!("its parameters are: {}", allowed.join(", "))
                };
                return Err(format!(
                    "policy `{policy}`: unknown parameter `{k}`{hint}; {list}"
                ));
            }
            if values.insert(k.to_string(), v.to_string()).is_some() {
                return Err(format!("policy `{policy}`: parameter `{k}` is given twice"));
            }
        }
        Ok(Params {
            policy: policy.to_string(),
            values,
        })
    }

    /// A whole number in `lo..=hi`, or `default` when not given.
    pub fn int(&self, key: &str, lo: i64, hi: i64, default: i64) -> Result<i64, String> {
        Ok(self.opt_int(key, lo, hi)?.unwrap_or(default))
    }

    /// A whole number in `lo..=hi`, if given.
    pub fn opt_int(&self, key: &str, lo: i64, hi: i64) -> Result<Option<i64>, String> {
        let Some(v) = self.values.get(key) else {
            return Ok(None);
        };
        match v.parse::<i64>() {
            Ok(n) if (lo..=hi).contains(&n) => Ok(Some(n)),
            _ => Err(format!(
                "policy `{}`: {key}=`{v}`: expected a whole number from {lo} to {hi}",
                self.policy
            )),
        }
    }

    /// `true` or `false`, or `default` when not given.
    pub fn bool(&self, key: &str, default: bool) -> Result<bool, String> {
        match self.values.get(key).map(String::as_str) {
            None => Ok(default),
            Some("true") => Ok(true),
            Some("false") => Ok(false),
            Some(v) => Err(format!(
                "policy `{}`: {key}=`{v}`: expected `true` or `false`",
                self.policy
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_and_bad_values_are_explained() {
        let e = Params::parse("aggressive", "min_od=2", &["min_odds", "neutral"]).unwrap_err();
        assert!(e.contains("unknown parameter `min_od`"), "{e}");
        assert!(e.contains("did you mean `min_odds`"), "{e}");
        let p = Params::parse("aggressive", "min_odds=x", &["min_odds"]).unwrap();
        let e = p.int("min_odds", 0, 20, 2).unwrap_err();
        assert!(e.contains("expected a whole number from 0 to 20"), "{e}");
        let e = Params::parse("aggressive", "min_odds", &["min_odds"]).unwrap_err();
        assert!(e.contains("has no value"), "{e}");
        let e = Params::parse("a", "min_odds=1,min_odds=2", &["min_odds"]).unwrap_err();
        assert!(e.contains("given twice"), "{e}");
    }

    #[test]
    fn values_parse_with_defaults() {
        let p = Params::parse("cautious", " high = 7 ", &["high", "low"]).unwrap();
        assert_eq!(p.int("high", 0, 100, 1), Ok(7));
        assert_eq!(p.opt_int("low", 0, 100), Ok(None));
        assert_eq!(p.bool("neutral", true), Ok(true));
    }
}
