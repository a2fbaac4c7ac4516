//! A name index: folded names in an `fst` map, each pointing to its postings (which place,
//! and how the name stands for it).
//!
//! The background index is built by the asset script and read in place; the curated
//! index is built the same way at start-up from a few thousand names. Both share this
//! format, so the matcher walks them alike.
//!
//! An fst value holds, in its top byte, the key's own flags ([`KEY_COMMON_WORD`]); a name
//! with one posting keeps it inline ([`INLINE`]); otherwise the value's low 32 bits are the
//! index (in `u32`s) of a list `[count, posting…]` in the postings bytes.

use fst::raw::Fst;

/// Bit set in an fst value that holds its single posting inline.
pub const INLINE: u64 = 1 << 55;
/// Key flags sit in the top byte of an fst value.
pub const KEY_FLAGS_SHIFT: u32 = 56;
/// Key flag: the key, a single word, is a common word of English, German or Russian.
pub const KEY_COMMON_WORD: u8 = 1;

/// How a name stands for its place; several may be set.
pub mod name_flags {
    /// The place's main name, a name by language, or a curated variant.
    pub const MAIN: u8 = 1;
    /// An adjective stem («павлодарск»): needs an adjective or case ending.
    pub const ADJECTIVE_STEM: u8 = 2;
    /// A name without its final vowel («астан»): needs a case ending.
    pub const VOWEL_STEM: u8 = 4;
    /// A region's or district's name without its admin word ("Pavlodar" of "Pavlodar
    /// Region").
    pub const BARE: u8 = 8;
    /// The name with its admin word, or another name that says what the place is
    /// ("Pavlodar Region", «Павлодарская область»).
    pub const WITH_KIND: u8 = 16;
    /// An adjective made from a town's name («Бекабадский» of «Бекабад»): with a word for a
    /// district it names the town's district («Бекабадского района»).
    pub const DERIVED: u8 = 32;
    /// The German spelling of a Cyrillic name («Бахты» → "Bachty"): only German texts
    /// write it so ("Now" in English is not «Нов»).
    pub const GERMAN_SPELLING: u8 = 64;
    /// Bits a posting keeps for flags.
    pub const BITS: u32 = 7;
}

/// One posting of a name: which place, and how the name stands for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Posting {
    /// Index of the place in its list (curated places or background records).
    pub place: u32,
    /// [`name_flags`].
    pub flags: u8,
}

impl Posting {
    /// Packs a posting into a `u32`.
    pub fn pack(self) -> u32 {
        (self.place << name_flags::BITS) | u32::from(self.flags)
    }

    /// Unpacks a posting.
    pub fn unpack(v: u32) -> Self {
        Self {
            place: v >> name_flags::BITS,
            flags: (v & ((1 << name_flags::BITS) - 1)) as u8,
        }
    }
}

/// Why an index could not be built or opened.
#[derive(Debug, thiserror::Error)]
pub enum NameMapError {
    /// The fst is malformed or its checksum fails.
    #[error(transparent)]
    Fst(#[from] fst::Error),
    /// A posting list lies outside the postings.
    #[error("a posting list lies outside the postings")]
    Postings,
}

/// Folded names and their postings.
pub struct NameMap<D: AsRef<[u8]>> {
    fst: Fst<D>,
    postings: D,
}

impl<D: AsRef<[u8]>> NameMap<D> {
    /// Opens an index, verifying the fst's checksum.
    pub fn new(fst_bytes: D, postings: D) -> Result<Self, NameMapError> {
        let fst = Fst::new(fst_bytes)?;
        fst.verify()?;
        Ok(Self { fst, postings })
    }

    /// How many distinct names.
    pub fn len(&self) -> usize {
        self.fst.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.fst.is_empty()
    }

    /// The fst, to walk.
    pub fn fst(&self) -> &Fst<D> {
        &self.fst
    }

    /// The key flags and postings of an fst value.
    pub fn postings(&self, value: u64) -> (u8, Postings<'_>) {
        let key_flags = (value >> KEY_FLAGS_SHIFT) as u8;
        if value & INLINE != 0 {
            return (key_flags, Postings::Inline(Some(value as u32)));
        }
        let list = self.postings.as_ref();
        let at = (value & 0xFFFF_FFFF) as usize * 4;
        let n = list
            .get(at..at + 4)
            .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])) as usize;
        let body = list
            .get(at + 4..(at + 4).saturating_add(n.saturating_mul(4)))
            .unwrap_or(&[]);
        (key_flags, Postings::List(body.chunks_exact(4)))
    }

    /// The value of an exact key.
    pub fn get(&self, key: &str) -> Option<u64> {
        self.fst.get(key).map(|o| o.value())
    }
}

impl NameMap<Vec<u8>> {
    /// Builds an index from `(key, key flags, posting)` triples in any order.
    pub fn build(mut entries: Vec<(String, u8, Posting)>) -> Result<Self, NameMapError> {
        entries.sort_unstable();
        entries.dedup();
        let (fst_bytes, postings) = Self::encode(&entries)?;
        Ok(Self {
            fst: Fst::new(fst_bytes)?,
            postings,
        })
    }

    /// The fst and postings bytes of sorted, deduplicated entries.
    fn encode(entries: &[(String, u8, Posting)]) -> Result<(Vec<u8>, Vec<u8>), NameMapError> {
        let mut builder = fst::MapBuilder::memory();
        let mut postings: Vec<u8> = Vec::new();
        let mut i = 0;
        while i < entries.len() {
            let key = &entries[i].0;
            let group = entries[i..].iter().take_while(|e| &e.0 == key).count();
            let slice = &entries[i..i + group];
            let key_flags = slice.iter().fold(0u8, |f, e| f | e.1);
            let value = if group == 1 {
                INLINE | u64::from(slice[0].2.pack())
            } else {
                let at = (postings.len() / 4) as u64;
                postings.extend_from_slice(&(group as u32).to_le_bytes());
                for e in slice {
                    postings.extend_from_slice(&e.2.pack().to_le_bytes());
                }
                at
            };
            builder.insert(key, value | (u64::from(key_flags) << KEY_FLAGS_SHIFT))?;
            i += group;
        }
        Ok((builder.into_inner()?, postings))
    }

    /// The fst and postings bytes, to write to an asset.
    pub fn into_parts(self) -> (Vec<u8>, Vec<u8>) {
        (self.fst.into_inner(), self.postings)
    }
}

/// The postings of one name.
pub enum Postings<'a> {
    /// A single posting held in the fst value.
    Inline(Option<u32>),
    /// A list in the postings bytes.
    List(std::slice::ChunksExact<'a, u8>),
}

impl Iterator for Postings<'_> {
    type Item = Posting;

    fn next(&mut self) -> Option<Posting> {
        let v = match self {
            Self::Inline(v) => v.take()?,
            Self::List(chunks) => {
                let c = chunks.next()?;
                u32::from_le_bytes([c[0], c[1], c[2], c[3]])
            }
        };
        Some(Posting::unpack(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(place: u32, flags: u8) -> Posting {
        Posting { place, flags }
    }

    #[test]
    fn a_name_finds_every_place_it_stands_for() {
        let map = NameMap::build(vec![
            ("karasu".into(), 0, p(7, name_flags::MAIN)),
            ("karasu".into(), 0, p(3, 0)),
            ("osh".into(), KEY_COMMON_WORD, p(1, name_flags::MAIN)),
        ])
        .expect("build");
        let (flags, postings) = map.postings(map.get("karasu").expect("karasu"));
        assert_eq!(flags, 0);
        assert_eq!(postings.collect::<Vec<_>>(), vec![p(3, 0), p(7, 1)]);
        let (flags, postings) = map.postings(map.get("osh").expect("osh"));
        assert_eq!(flags, KEY_COMMON_WORD);
        assert_eq!(postings.collect::<Vec<_>>(), vec![p(1, 1)]);
        assert!(map.get("kara").is_none());
    }

    #[test]
    fn damaged_bytes_are_an_error() {
        let map = NameMap::build(vec![("almaty".into(), 0, p(1, 1))]).expect("build");
        let (mut fst_bytes, postings) = map.into_parts();
        let mid = fst_bytes.len() / 2;
        fst_bytes[mid] ^= 0xFF;
        assert!(NameMap::new(fst_bytes, postings).is_err());
    }
}
