//! Smithy RPCv2 CBOR codec for the Agreement service (the Rust SDK speaks only this protocol).
//!
//! Requests are decoded into the same `serde_json::Value` the awsJson1_0 path produces, so the
//! handlers are protocol-blind. Replies are encoded from that `Value` as exactly one
//! definite-length CBOR map, which is what `aws-smithy-cbor` expects (no trailing bytes).
//!
//! Timestamps: handlers write every `A:Timestamp` member as epoch seconds (a JSON number, which is
//! already the awsJson1_0 encoding). RPCv2 CBOR wants tag 1 followed by an int or float, and the
//! Rust decoder rejects an untagged number (`decoder.timestamp()` reads the tag first). The encoder
//! therefore tags the numeric values of the members its service's table names as timestamps
//! (`Table::timestamps`).
//!
//! Numbers: integral JSON numbers become CBOR integers (the SDK reads `Integer`/`Long` members with
//! `i32()`/`i64()`, which reject floats); other numbers become 64-bit floats (the model has no
//! `Double`; prices and amounts are strings). Nulls are dropped: Rust's CBOR decoder rejects a null
//! for a required member and for an extra union key (aws-behavior.md §A.6).

use ciborium::value::{Integer, Value as Cbor};
use serde_json::{Map, Number, Value};

use super::wire::ApiError;

const TAG_EPOCH: u64 = 1;
const TAG_POS_BIGNUM: u64 = 2;
const TAG_NEG_BIGNUM: u64 = 3;

/// Decodes one CBOR data item that must be a map (definite or indefinite length) into JSON.
pub fn decode(body: &[u8]) -> Result<Value, ApiError> {
    let mut reader = body;
    let item: Cbor = ciborium::de::from_reader(&mut reader)
        .map_err(|e| serialization(format!("request body is not valid CBOR: {e}")))?;
    if !reader.is_empty() {
        return Err(serialization("request body has bytes after the CBOR map"));
    }
    match item {
        Cbor::Map(_) => to_json(item),
        _ => Err(serialization("request body must be a CBOR map")),
    }
}

/// Encodes a JSON object as one definite-length CBOR map, tagging the numbers of the
/// `timestamps` members. A non-object encodes as an empty map (every operation's output and
/// every error body is an object).
pub fn encode(value: &Value, timestamps: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut writer = Writer {
        out: &mut out,
        timestamps,
    };
    match value {
        Value::Object(map) => writer.map(map),
        _ => writer.map(&Map::new()),
    }
    out
}

fn serialization(message: impl Into<String>) -> ApiError {
    ApiError::new(400, "SerializationException", message)
}

fn to_json(item: Cbor) -> Result<Value, ApiError> {
    Ok(match item {
        Cbor::Integer(i) => integer(i)?,
        Cbor::Float(f) => Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| serialization("non-finite floats are not accepted"))?,
        Cbor::Text(s) => Value::String(s),
        Cbor::Bool(b) => Value::Bool(b),
        Cbor::Null => Value::Null,
        // The Agreement model has no blob members; keep the bytes rather than fail.
        Cbor::Bytes(b) => Value::Array(b.into_iter().map(Value::from).collect()),
        Cbor::Tag(tag, inner) => tagged(tag, *inner)?,
        Cbor::Array(items) => {
            Value::Array(items.into_iter().map(to_json).collect::<Result<_, _>>()?)
        }
        Cbor::Map(pairs) => object(pairs)?,
        _ => Value::Null,
    })
}

fn integer(i: Integer) -> Result<Value, ApiError> {
    let wide = i128::from(i);
    if let Ok(n) = i64::try_from(wide) {
        return Ok(Value::from(n));
    }
    u64::try_from(wide)
        .map(Value::from)
        .map_err(|_| serialization("integer out of range"))
}

/// Tag 1 (epoch timestamp) decodes to its number, as awsJson1_0 carries it; bignums to a number.
fn tagged(tag: u64, inner: Cbor) -> Result<Value, ApiError> {
    match (tag, inner) {
        (TAG_POS_BIGNUM, Cbor::Bytes(b)) => bignum(&b, false),
        (TAG_NEG_BIGNUM, Cbor::Bytes(b)) => bignum(&b, true),
        (TAG_EPOCH, inner) => to_json(inner),
        (_, inner) => to_json(inner),
    }
}

fn bignum(bytes: &[u8], negative: bool) -> Result<Value, ApiError> {
    if bytes.len() > 16 {
        return Err(serialization("bignum out of range"));
    }
    let n = bytes
        .iter()
        .fold(0u128, |acc, b| (acc << 8) | u128::from(*b));
    let n = i128::try_from(n).map_err(|_| serialization("bignum out of range"))?;
    let n = if negative { -1 - n } else { n };
    Integer::try_from(n)
        .map_err(|_| serialization("bignum out of range"))
        .and_then(integer)
}

fn object(pairs: Vec<(Cbor, Cbor)>) -> Result<Value, ApiError> {
    let mut map = Map::new();
    for (key, value) in pairs {
        let Cbor::Text(key) = key else {
            return Err(serialization("CBOR map keys must be text strings"));
        };
        map.insert(key, to_json(value)?);
    }
    Ok(Value::Object(map))
}

/// Writes a major type and its argument in the shortest form (RFC 8949 §3).
fn head(out: &mut Vec<u8>, major: u8, arg: u64) {
    let m = major << 5;
    match arg {
        0..=23 => out.push(m | arg as u8),
        24..=0xff => out.extend([m | 24, arg as u8]),
        0x100..=0xffff => {
            out.push(m | 25);
            out.extend((arg as u16).to_be_bytes());
        }
        0x1_0000..=0xffff_ffff => {
            out.push(m | 26);
            out.extend((arg as u32).to_be_bytes());
        }
        _ => {
            out.push(m | 27);
            out.extend(arg.to_be_bytes());
        }
    }
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
    timestamps: &'a [&'a str],
}

impl Writer<'_> {
    fn map(&mut self, map: &Map<String, Value>) {
        let present = || map.iter().filter(|(_, v)| !v.is_null());
        head(self.out, 5, present().count() as u64);
        for (key, value) in present() {
            write_text(self.out, key);
            if let (true, Value::Number(n)) = (self.timestamps.contains(&key.as_str()), value) {
                head(self.out, 6, TAG_EPOCH);
                write_number(self.out, n);
            } else {
                self.value(value);
            }
        }
    }

    fn value(&mut self, value: &Value) {
        match value {
            Value::Null => self.out.push(0xf6),
            Value::Bool(false) => self.out.push(0xf4),
            Value::Bool(true) => self.out.push(0xf5),
            Value::Number(n) => write_number(self.out, n),
            Value::String(s) => write_text(self.out, s),
            Value::Array(items) => {
                let present = || items.iter().filter(|v| !v.is_null());
                head(self.out, 4, present().count() as u64);
                present().for_each(|v| self.value(v));
            }
            Value::Object(map) => self.map(map),
        }
    }
}

fn write_number(out: &mut Vec<u8>, n: &Number) {
    if let Some(u) = n.as_u64() {
        head(out, 0, u);
    } else if let Some(i) = n.as_i64() {
        // Negative: major type 1 carries -1 - n.
        head(out, 1, (-1 - i) as u64);
    } else {
        out.push(0xfb);
        out.extend(n.as_f64().unwrap_or(0.0).to_be_bytes());
    }
}

fn write_text(out: &mut Vec<u8>, s: &str) {
    head(out, 3, s.len() as u64);
    out.extend(s.as_bytes());
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// The timestamp members these tests use.
    const TS: &[&str] = &["startTime", "endTime"];

    #[test]
    fn decodes_indefinite_maps_arrays_and_strings() {
        // {_ "catalog": (_ "AWS", "Marketplace"), "filters": [_ {_ "name": "PartyType"}], "maxResults": 5}
        let mut body = vec![0xbf, 0x67];
        body.extend(b"catalog");
        body.extend([0x7f, 0x63]);
        body.extend(b"AWS");
        body.push(0x6b);
        body.extend(b"Marketplace");
        body.push(0xff);
        body.push(0x67);
        body.extend(b"filters");
        body.extend([0x9f, 0xbf, 0x64]);
        body.extend(b"name");
        body.push(0x69);
        body.extend(b"PartyType");
        body.extend([0xff, 0xff, 0x6a]);
        body.extend(b"maxResults");
        body.extend([0x05, 0xff]);
        let v = decode(&body).expect("decodes");
        assert_eq!(
            v,
            json!({"catalog": "AWSMarketplace", "filters": [{"name": "PartyType"}], "maxResults": 5})
        );
    }

    #[test]
    fn decodes_tags_floats_and_negative_integers() {
        // {"t": 1(1700000000.5), "n": -10, "big": 2(h'0100')}
        let mut body = vec![0xa3, 0x61, b't', 0xc1, 0xfb];
        body.extend(1_700_000_000.5f64.to_be_bytes());
        body.extend([0x61, b'n', 0x29, 0x63]);
        body.extend(b"big");
        body.extend([0xc2, 0x42, 0x01, 0x00]);
        let v = decode(&body).expect("decodes");
        assert_eq!(v, json!({"t": 1_700_000_000.5, "n": -10, "big": 256}));
    }

    #[test]
    fn rejects_non_maps_trailing_bytes_and_garbage() {
        assert!(decode(&[0x80]).is_err(), "an array is not a request");
        assert!(decode(&[0xa0, 0x00]).is_err(), "trailing bytes");
        assert!(decode(&[0xbf, 0x61]).is_err(), "truncated");
        let err = decode(&[0xa1, 0x01, 0x02]).expect_err("integer key");
        assert_eq!(err.code, "SerializationException");
        assert_eq!(err.status, 400);
    }

    #[test]
    fn encodes_one_definite_map_and_round_trips() {
        let v = json!({"agreementId": "agmt-1", "maxQuantity": 3, "neg": -300, "flag": true,
                       "list": ["a", {"b": 1.5}], "nested": {"x": 70000, "y": 5_000_000_000u64}});
        let bytes = encode(&v, TS);
        assert_eq!(bytes[0], 0xa6, "definite-length map of 6 pairs");
        assert_eq!(decode(&bytes).expect("round trip"), v);
    }

    #[test]
    fn tags_timestamp_members_only_and_keeps_ints_as_ints() {
        let v = json!({"startTime": 1_700_000_000.25, "endTime": 1_700_000_000, "maxQuantity": 1});
        let bytes = encode(&v, TS);
        let item: Cbor = ciborium::de::from_reader(bytes.as_slice()).expect("cbor");
        let pairs = item.into_map().expect("map");
        assert_eq!(
            pairs[0].1,
            Cbor::Tag(1, Box::new(Cbor::Float(1_700_000_000.25)))
        );
        assert_eq!(
            pairs[1].1,
            Cbor::Tag(1, Box::new(Cbor::Integer(1_700_000_000.into())))
        );
        assert_eq!(pairs[2].1, Cbor::Integer(1.into()));
        // A float is always written as a 64-bit float (0xfb), never shortened.
        let pos = bytes.iter().position(|b| *b == 0xc1).expect("tag 1");
        assert_eq!(bytes[pos + 1], 0xfb);
    }

    #[test]
    fn strips_nulls_from_maps_and_lists() {
        let v = json!({"a": null, "b": [null, "x"], "c": {"d": null}});
        let back = decode(&encode(&v, TS)).expect("round trip");
        assert_eq!(back, json!({"b": ["x"], "c": {}}));
    }

    #[test]
    fn error_bodies_encode_as_maps() {
        let body = ApiError::validation("bad")
            .with("reason", "INVALID_FILTERS")
            .body(
                super::super::wire::Service::Agreement,
                Some("com.amazonaws.marketplaceagreement"),
            );
        let back = decode(&encode(&body, TS)).expect("round trip");
        assert_eq!(
            back["__type"],
            "com.amazonaws.marketplaceagreement#ValidationException"
        );
        assert_eq!(back["message"], "bad");
        assert_eq!(back["reason"], "INVALID_FILTERS");
    }

    #[test]
    fn non_object_encodes_as_empty_map() {
        assert_eq!(encode(&json!([1]), TS), vec![0xa0]);
    }
}
