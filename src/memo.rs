//! Results of pure, costly steps, kept between the rebuilds of a [`Session`].
//!
//! A rebuild in `serve` prepares the whole portal again, but almost every file is as it
//! was: the fair-wording check of an unchanged text, the HTML of an unchanged body and the
//! search words of an unchanged vacancy are the same as last time. Each such step asks its
//! [`Memo`] with a key that hashes *everything* its result depends on, so a hit is always
//! the value the step would compute. Values not asked for during a rebuild are forgotten
//! at the start of the next one, so memory stays proportional to the portal.
//!
//! A plain `build` runs without memos (`None`): nothing is kept, nothing is looked up.
//!
//! [`Session`]: crate::session::Session

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use crate::diagnostics::Diagnostic;
use crate::model::Asset;
use crate::render::markdown::Rendered;
use crate::validate::wording::Finding;

/// The hasher of memo keys and output fingerprints: foldhash (fast on long texts, well
/// mixed) with a fixed seed, so equal inputs give equal keys in every run.
pub type KeyHasher = foldhash::quality::FoldHasher<'static>;

/// A new [`KeyHasher`].
pub fn hasher() -> KeyHasher {
    foldhash::quality::FixedState::default().build_hasher()
}

/// The key of a memoised result: a 64-bit hash of all of its inputs.
pub fn key(inputs: impl Hash) -> u64 {
    let mut h = hasher();
    inputs.hash(&mut h);
    h.finish()
}

/// One step's results by key, shared by the threads of a rebuild.
pub struct Memo<V> {
    table: Mutex<HashMap<u64, Slot<V>>>,
    /// The current round; slots not touched in it are dropped by [`Memo::next_round`].
    round: AtomicU64,
}

struct Slot<V> {
    value: Arc<V>,
    round: u64,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            table: Mutex::new(HashMap::new()),
            round: AtomicU64::new(0),
        }
    }
}

impl<V> std::fmt::Debug for Memo<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo").field("len", &self.len()).finish()
    }
}

impl<V> Memo<V> {
    /// The value for `key`, made by `make` (outside the lock) when it is not known yet.
    pub fn get_or_make(&self, key: u64, make: impl FnOnce() -> V) -> Arc<V> {
        let round = self.round.load(Ordering::Relaxed);
        if let Some(slot) = self.lock().get_mut(&key) {
            slot.round = round;
            return Arc::clone(&slot.value);
        }
        let value = Arc::new(make());
        self.lock().insert(
            key,
            Slot {
                value: Arc::clone(&value),
                round,
            },
        );
        value
    }

    /// Keeps the values of `keys` for the next rebuild, as if they had been asked for: a
    /// step that kept a whole group of results (a chunk of the search index) still needs
    /// its parts when the group changes.
    pub fn keep(&self, keys: &[u64]) {
        let round = self.round.load(Ordering::Relaxed);
        let mut table = self.lock();
        for key in keys {
            if let Some(slot) = table.get_mut(key) {
                slot.round = round;
            }
        }
    }

    /// Ends a rebuild: forgets what it did not ask for, and starts the next round.
    pub fn next_round(&self) {
        let round = self.round.fetch_add(1, Ordering::Relaxed);
        self.lock().retain(|_, slot| slot.round == round);
    }

    /// How many values are kept.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// True when nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Slot<V>>> {
        // A panic while holding the lock cannot leave a half-written slot behind.
        self.table.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// What rendering one Markdown body gives: its HTML and summary, the files it links to,
/// and its problems (links to missing files).
pub type RenderedBody = (Arc<Rendered>, Vec<Asset>, Vec<Diagnostic>);

/// The memos of a session, one per costly step.
#[derive(Debug, Default)]
pub struct Memos {
    /// The content files as last read, by path and metadata.
    pub(crate) files: crate::load::walk::ReadCache,
    /// A content file read into its typed form, with its problems (by its text and the
    /// validation options).
    pub(crate) parsed: Memo<crate::validate::Read>,
    /// The fair-wording findings of a text (title, summary or body).
    pub wording: Memo<Vec<Finding>>,
    /// A Markdown body rendered to HTML, with its links resolved.
    pub markdown: Memo<RenderedBody>,
    /// The words a vacancy adds to the search index.
    pub search_words: Memo<crate::outputs::search::terms::Bag>,
    /// The words of a chunk of the search index's rows, by its rows' words.
    pub(crate) search_chunks: Memo<crate::outputs::search::terms::Vocabulary>,
    /// The facet columns of the search index, by every row's facts.
    pub search_facets: Memo<Vec<crate::outputs::search::facets::Facet>>,
    /// A search index file's gzip member, by its bytes.
    pub gzip: Memo<Vec<u8>>,
    /// The parts of a vacancy's feed items, by its feed fingerprint.
    pub feed_items: Memo<crate::outputs::feeds::Item>,
    /// A vacancy's full text escaped for the portal's own feeds, by its HTML.
    pub feed_texts: Memo<crate::outputs::feeds::FullText>,
}

impl Memos {
    /// Ends a rebuild in every memo.
    pub fn next_round(&self) {
        self.parsed.next_round();
        self.wording.next_round();
        self.markdown.next_round();
        self.search_words.next_round();
        self.search_chunks.next_round();
        self.search_facets.next_round();
        self.gzip.next_round();
        self.feed_items.next_round();
        self.feed_texts.next_round();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_once_and_forgets_what_a_round_did_not_ask_for() {
        let memo: Memo<String> = Memo::default();
        let mut made = 0;
        let mut get = |k: u64| {
            memo.get_or_make(k, || {
                made += 1;
                format!("value {k}")
            })
        };
        assert_eq!(*get(1), "value 1");
        assert_eq!(*get(1), "value 1");
        assert_eq!(*get(2), "value 2");
        assert_eq!(made, 2);
        memo.next_round();
        assert_eq!(memo.len(), 2, "both were asked for in the first round");
        memo.get_or_make(2, || unreachable!("kept from the last round"));
        memo.next_round();
        assert_eq!(memo.len(), 1, "1 was not asked for in the second round");
        assert_eq!(*memo.get_or_make(2, String::new), "value 2");
    }

    #[test]
    fn keys_differ_when_any_input_differs() {
        assert_eq!(key(("a", 1)), key(("a", 1)));
        assert_ne!(key(("a", 1)), key(("a", 2)));
        assert_ne!(key(("ab", "c")), key(("a", "bc")));
    }
}
