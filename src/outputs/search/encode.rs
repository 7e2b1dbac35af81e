//! The byte-level building blocks of the index files: variable-length integers, sets of
//! row numbers, planar columns, gzip members and the content hash of a build's index.
//!
//! Every encoder here has its decoder beside it (used by `reader` and the tests), and
//! `search.js` implements the same decoders; docs/search-index.md describes the bytes.

use std::io::Write as _;

use flate2::Compression;
use flate2::write::GzEncoder;

/// A set stored as gaps between its members.
pub const SET_LIST: u8 = 0;
/// A set stored as a bitmap over the universe.
pub const SET_BITMAP: u8 = 1;
/// The whole universe.
pub const SET_ALL: u8 = 2;
/// The empty set.
pub const SET_EMPTY: u8 = 3;

/// Appends `v` as LEB128: seven bits per byte, low bits first, high bit = more follows.
pub fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The number of bytes `varint` writes for `v`.
pub fn varint_len(mut v: u64) -> usize {
    let mut n = 1;
    while v >= 0x80 {
        v >>= 7;
        n += 1;
    }
    n
}

/// Appends a set of distinct numbers below `universe`, given in ascending order, in the
/// smallest of four forms: a tag byte, then nothing (empty, all), a bitmap of
/// `ceil(universe / 8)` bytes (bit `i % 8` of byte `i / 8`), or the count and the gaps
/// (first member, then each member minus the previous minus one) as varints.
pub fn set(out: &mut Vec<u8>, universe: u32, items: &[u32]) {
    if items.is_empty() {
        out.push(SET_EMPTY);
        return;
    }
    if items.len() == universe as usize {
        out.push(SET_ALL);
        return;
    }
    let mut list = varint_len(items.len() as u64);
    let mut prev: Option<u32> = None;
    for &i in items {
        let gap = prev.map_or(i, |p| i - p - 1);
        list += varint_len(u64::from(gap));
        prev = Some(i);
    }
    let bitmap = (universe as usize).div_ceil(8);
    if bitmap < list {
        out.push(SET_BITMAP);
        let start = out.len();
        out.resize(start + bitmap, 0);
        for &i in items {
            out[start + (i as usize >> 3)] |= 1 << (i & 7);
        }
    } else {
        out.push(SET_LIST);
        varint(out, items.len() as u64);
        let mut prev: Option<u32> = None;
        for &i in items {
            varint(out, u64::from(prev.map_or(i, |p| i - p - 1)));
            prev = Some(i);
        }
    }
}

/// Why bytes could not be read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed(pub &'static str);

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "malformed search index: {}", self.0)
    }
}

impl std::error::Error for Malformed {}

/// Reads what the encoders above wrote.
#[derive(Debug, Clone)]
pub struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Cursor<'a> {
        Cursor { bytes, at: 0 }
    }

    /// True when everything was read.
    pub fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    /// One byte.
    pub fn byte(&mut self) -> Result<u8, Malformed> {
        let b = *self.bytes.get(self.at).ok_or(Malformed("ends early"))?;
        self.at += 1;
        Ok(b)
    }

    /// `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], Malformed> {
        let end = self.at.checked_add(n).ok_or(Malformed("too long"))?;
        let s = self
            .bytes
            .get(self.at..end)
            .ok_or(Malformed("ends early"))?;
        self.at = end;
        Ok(s)
    }

    /// A LEB128 number.
    pub fn varint(&mut self) -> Result<u64, Malformed> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            if shift > 63 {
                return Err(Malformed("varint too long"));
            }
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
        }
    }

    /// A set written by [`set`].
    pub fn set(&mut self, universe: u32) -> Result<Vec<u32>, Malformed> {
        match self.byte()? {
            SET_EMPTY => Ok(Vec::new()),
            SET_ALL => Ok((0..universe).collect()),
            SET_BITMAP => {
                let bytes = self.take((universe as usize).div_ceil(8))?;
                let mut out = Vec::new();
                for (i, b) in bytes.iter().enumerate() {
                    for bit in 0..8 {
                        if b & (1 << bit) != 0 {
                            out.push((i * 8 + bit) as u32);
                        }
                    }
                }
                Ok(out)
            }
            SET_LIST => {
                let n = self.varint()?;
                let mut out = Vec::with_capacity(n.min(1 << 20) as usize);
                let mut prev: Option<u32> = None;
                for _ in 0..n {
                    let gap = u32::try_from(self.varint()?).map_err(|_| Malformed("gap"))?;
                    let v = match prev {
                        None => gap,
                        Some(p) => p
                            .checked_add(gap)
                            .and_then(|x| x.checked_add(1))
                            .ok_or(Malformed("set member too large"))?,
                    };
                    out.push(v);
                    prev = Some(v);
                }
                Ok(out)
            }
            _ => Err(Malformed("unknown set form")),
        }
    }
}

/// The number of bytes per value a column of numbers below `distinct` needs (1 to 4).
pub fn width(distinct: usize) -> usize {
    match distinct {
        0..=0x100 => 1,
        0x101..=0x1_0000 => 2,
        0x1_0001..=0x100_0000 => 3,
        _ => 4,
    }
}

/// Appends a column of numbers as `width` planes: all lowest bytes, then all next bytes ...
/// (planes compress far better than interleaved bytes).
pub fn planar(out: &mut Vec<u8>, values: &[u32], width: usize) {
    for plane in 0..width {
        out.extend(values.iter().map(|v| (v >> (8 * plane)) as u8));
    }
}

/// Reads a column written by [`planar`].
pub fn unplanar(bytes: &[u8], rows: usize, width: usize) -> Result<Vec<u32>, Malformed> {
    if bytes.len() != rows * width {
        return Err(Malformed("column length"));
    }
    let mut out = vec![0u32; rows];
    for plane in 0..width {
        for (v, b) in out.iter_mut().zip(&bytes[plane * rows..(plane + 1) * rows]) {
            *v |= u32::from(*b) << (8 * plane);
        }
    }
    Ok(out)
}

/// A file made of a JSON header and binary data: the header's length as 4 bytes
/// (little-endian), the UTF-8 JSON, then the data.
pub fn with_header(header: &serde_json::Value, data: &[u8]) -> Vec<u8> {
    let json = header.to_string();
    let mut out = Vec::with_capacity(4 + json.len() + data.len());
    out.extend((json.len() as u32).to_le_bytes());
    out.extend(json.as_bytes());
    out.extend(data);
    out
}

/// Splits a file written by [`with_header`].
pub fn split_header(bytes: &[u8]) -> Result<(serde_json::Value, &[u8]), Malformed> {
    let len: [u8; 4] = bytes
        .get(..4)
        .and_then(|b| b.try_into().ok())
        .ok_or(Malformed("no header"))?;
    let len = u32::from_le_bytes(len) as usize;
    let json = bytes.get(4..4 + len).ok_or(Malformed("header length"))?;
    let header = serde_json::from_slice(json).map_err(|_| Malformed("header is not JSON"))?;
    Ok((header, &bytes[4 + len..]))
}

/// Compresses bytes into one gzip member (no name, no time stamp: the same bytes in give
/// the same bytes out).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3 + 64),
        Compression::new(9),
    );
    // Writing into a Vec cannot fail.
    if encoder.write_all(bytes).is_err() {
        return Vec::new();
    }
    encoder.finish().unwrap_or_default()
}

/// Decompresses a gzip member; bytes that are not gzip are returned as they are (a server
/// may have decompressed them already).
pub fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, Malformed> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes.to_vec());
    }
    let mut out = Vec::new();
    let mut decoder = flate2::read::GzDecoder::new(bytes);
    std::io::Read::read_to_end(&mut decoder, &mut out).map_err(|_| Malformed("bad gzip"))?;
    Ok(out)
}

/// A 64-bit FNV-1a hash, stable across platforms and Rust versions (unlike std's hasher).
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// Adds bytes.
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// The hash as 16 lowercase hex digits.
    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        for v in [
            0u64,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u64::from(u32::MAX),
            u64::MAX,
        ] {
            let mut out = Vec::new();
            varint(&mut out, v);
            assert_eq!(out.len(), varint_len(v));
            assert_eq!(Cursor::new(&out).varint().unwrap(), v);
        }
    }

    #[test]
    fn sets_take_the_smallest_form_and_round_trip() {
        let cases: Vec<(u32, Vec<u32>, u8)> = vec![
            (100, vec![], SET_EMPTY),
            (5, vec![0, 1, 2, 3, 4], SET_ALL),
            (50_000, vec![3, 700, 49_999], SET_LIST),
            (64, (0..64).filter(|i| i % 2 == 0).collect(), SET_BITMAP),
        ];
        for (universe, items, form) in cases {
            let mut out = Vec::new();
            set(&mut out, universe, &items);
            assert_eq!(out[0], form, "{items:?}");
            let mut c = Cursor::new(&out);
            assert_eq!(c.set(universe).unwrap(), items);
            assert!(c.done());
        }
    }

    #[test]
    fn planar_columns_round_trip() {
        let values = vec![0u32, 255, 256, 65_535, 70_000];
        let w = width(70_001);
        assert_eq!(w, 3);
        let mut out = Vec::new();
        planar(&mut out, &values, w);
        assert_eq!(out.len(), values.len() * w);
        assert_eq!(unplanar(&out, values.len(), w).unwrap(), values);
        assert_eq!(width(256), 1);
        assert_eq!(width(257), 2);
    }

    #[test]
    fn gzip_is_deterministic_and_reversible() {
        let data = b"stage stage stage communicatie".repeat(50);
        let a = gzip(&data);
        assert_eq!(a, gzip(&data));
        assert!(a.len() < data.len());
        assert_eq!(gunzip(&a).unwrap(), data);
        assert_eq!(gunzip(b"plain").unwrap(), b"plain");
    }

    #[test]
    fn headers_split_back() {
        let file = with_header(&serde_json::json!({"width": 2}), &[1, 2, 3]);
        let (header, data) = split_header(&file).unwrap();
        assert_eq!(header["width"], 2);
        assert_eq!(data, &[1, 2, 3]);
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        assert!(Cursor::new(&[0x80]).varint().is_err());
        assert!(Cursor::new(&[SET_BITMAP, 1]).set(100).is_err());
        assert!(Cursor::new(&[9]).set(10).is_err());
        assert!(split_header(&[5, 0, 0, 0, b'{']).is_err());
    }
}
