//! From names found to decisions: each name located in its passage with the kind words and
//! cues around it, names grouped (one name, one meaning per document), the evidence of each
//! group gathered and every group decided.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::cues::{Cue, CueHit};
use super::disambiguate::{Decision, DocumentContext, NameEvidence, attach_cues, decide};
use super::fold::Folded;
use super::matcher::NameMatch;
use super::{ANCHOR_CONFIDENCE, Geoparser, Located, after_title, weak_capital};
use crate::corpus::{Document, Span};
use crate::gazetteer::names::KEY_COMMON_WORD;
use crate::gazetteer::{KindSet, PlaceKind};

impl Geoparser {
    /// The decision for each located name: names grouped (one name, one meaning), the
    /// evidence of each group gathered, every group decided.
    /// Returns the decision of each group and the group of each located name.
    pub(super) fn decide_located(
        &self,
        located: &[Located],
        cue_hits: &[CueHit],
    ) -> (Vec<Option<Decision>>, Vec<usize>) {
        let (groups, group_of) = group_names(located);
        let paired = self.paired_checkpoints(located);
        let evidence: Vec<NameEvidence> = groups
            .iter()
            .map(|members| {
                let mut e = self.evidence(located, members);
                e.paired = members
                    .iter()
                    .flat_map(|&i| paired[i].iter().copied())
                    .collect();
                e
            })
            .collect();
        (
            self.decide_all(located, &groups, evidence, cue_hits),
            group_of,
        )
    }

    /// Each match with its passage, code-point span and the kinds the words next to it name.
    /// `with_cues`: whether kind words attach to these names (not to names found inside
    /// other names, which the outer name's kind word is about).
    pub(super) fn locate(
        &self,
        document: &Document,
        folded: &Folded,
        matches: Vec<NameMatch>,
        cue_hits: &[CueHit],
        with_cues: bool,
    ) -> Vec<Located> {
        // A capitalised everyday word at the start of a sentence ("Der", "May") that no
        // curated place or big city bears is not a name; left in, it would take the kind
        // word after it ("Der Grenzübergang Korday").
        let matches: Vec<NameMatch> = matches
            .into_iter()
            .filter(|m| !self.is_sentence_word(document, folded, m))
            .collect();
        let ranges: Vec<(usize, usize)> = matches
            .iter()
            .map(|m| (m.folded_start, m.folded_end))
            .collect();
        let kinds = if with_cues {
            attach_cues(&folded.text, &ranges, cue_hits, &self.list_words)
        } else {
            vec![KindSet::default(); ranges.len()]
        };
        let german = document.language == crate::corpus::Language::De;
        matches
            .into_iter()
            .zip(kinds)
            .filter_map(|(m, mut kinds)| {
                if let Some(k) = m.compound {
                    kinds.insert(k);
                }
                let (start, end) = folded.original_range(m.folded_start, m.folded_end);
                let passage = document.passage_at(start)?;
                let span = Span { start, end };
                Some(Located {
                    weak_capital: german || weak_capital(document, span),
                    after_title: after_title(folded, cue_hits, m.folded_start),
                    m,
                    passage,
                    span,
                    kinds,
                })
            })
            .collect()
    }

    /// Whether a name may stand for a road, railway or corridor.
    pub(super) fn names_a_line(&self, m: &NameMatch) -> bool {
        m.candidates.iter().any(|c| self.is_line(c.place))
    }

    /// Whether a place is a road, railway or corridor.
    pub(super) fn is_line(&self, place: u32) -> bool {
        self.gazetteer
            .entry(place as usize)
            .is_some_and(|e| matches!(e.kind, PlaceKind::Road | PlaceKind::Corridor))
    }

    /// For each located name, its checkpoint candidates whose opposite post is a candidate
    /// of another name in the same passage.
    fn paired_checkpoints(&self, located: &[Located]) -> Vec<Vec<u32>> {
        // Only curated checkpoints have pairs: (located index, candidate, its pair).
        let curated = self.gazetteer.curated();
        let with_pair: Vec<(usize, u32, u32)> = located
            .iter()
            .enumerate()
            .flat_map(|(i, l)| l.m.candidates.iter().map(move |c| (i, c.place)))
            .filter_map(|(i, place)| {
                let pair = curated.get(place as usize)?.pair.as_ref()?;
                Some((i, place, self.gazetteer.index_of(pair)? as u32))
            })
            .collect();
        // Which names of each passage may stand for each checkpoint.
        let mut named_in: FxHashMap<(usize, u32), Vec<usize>> = FxHashMap::default();
        for &(i, place, _) in &with_pair {
            named_in
                .entry((located[i].passage, place))
                .or_default()
                .push(i);
        }
        let mut out = vec![Vec::new(); located.len()];
        for &(i, place, pair) in &with_pair {
            let named = named_in
                .get(&(located[i].passage, pair))
                .is_some_and(|names| names.iter().any(|&j| j != i));
            if named {
                out[i].push(place);
            }
        }
        out
    }

    /// Whether a match is an everyday word capitalised only because it starts a sentence,
    /// and no curated place, capital or city of a million bears it.
    fn is_sentence_word(&self, document: &Document, folded: &Folded, m: &NameMatch) -> bool {
        if m.key_flags & KEY_COMMON_WORD == 0 {
            return false;
        }
        let (start, end) = folded.original_range(m.folded_start, m.folded_end);
        let german = document.language == crate::corpus::Language::De;
        if !german && !weak_capital(document, Span { start, end }) {
            return false;
        }
        !m.candidates.iter().any(|c| {
            self.gazetteer.entry(c.place as usize).is_some_and(|e| {
                e.is_curated()
                    || e.population >= 1_000_000
                    || e.rank == crate::gazetteer::Rank::Capital
            })
        })
    }

    /// What the mentions of one name show together.
    fn evidence(&self, located: &[Located], members: &[usize]) -> NameEvidence {
        let mut e = NameEvidence {
            mentions: members.len(),
            only_weak_capitals: true,
            ..Default::default()
        };
        for &i in members {
            let l = &located[i];
            e.kinds.extend(l.kinds);
            e.common_word |= l.m.key_flags & KEY_COMMON_WORD != 0;
            e.only_weak_capitals &= l.weak_capital;
            e.after_title |= l.after_title;
        }
        e
    }

    /// Decides every name group twice: first on the document's countries alone, then
    /// again with the places decided surely as anchors, and with what the mentions of the
    /// same name that have a kind word were decided as.
    fn decide_all(
        &self,
        located: &[Located],
        groups: &[Vec<usize>],
        mut evidence: Vec<NameEvidence>,
        cue_hits: &[CueHit],
    ) -> Vec<Option<Decision>> {
        let candidates = |g: &[usize]| &located[g[0]].m.candidates;
        let mut counts: HashMap<String, f64> = HashMap::new();
        for h in cue_hits {
            if let Cue::Country(iso) = h.cue {
                *counts.entry(iso.to_owned()).or_default() += 1.0;
            }
        }
        let blank = DocumentContext::default();
        let first: Vec<Option<Decision>> = groups
            .iter()
            .enumerate()
            .map(|(gi, g)| decide(&self.gazetteer, candidates(g), gi, &evidence[gi], &blank))
            .collect();
        let mut anchors = Vec::new();
        let mut by_name: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        for (gi, d) in first.iter().enumerate() {
            let Some(d) = d else { continue };
            let Some(entry) = self.gazetteer.entry(d.chosen.place as usize) else {
                continue;
            };
            if entry.kind == PlaceKind::Country {
                for c in entry.countries() {
                    *counts.entry(c.to_owned()).or_default() += groups[gi].len() as f64;
                }
            } else if !entry.kind.is_area() && d.confidence >= ANCHOR_CONFIDENCE {
                anchors.push((gi, entry.point));
            }
            // A region named with its word says nothing of the same name alone ("Almaty
            // region … Almaty" is the city); any other kind does.
            let cued = !evidence[gi].kinds.is_empty();
            if cued && !matches!(entry.kind, PlaceKind::Region | PlaceKind::District) {
                by_name
                    .entry(located[groups[gi][0]].m.identity)
                    .or_default()
                    .push(d.chosen.place);
            }
        }
        for (gi, g) in groups.iter().enumerate() {
            if evidence[gi].kinds.is_empty()
                && let Some(places) = by_name.get(&located[g[0]].m.identity)
            {
                evidence[gi].decided_elsewhere = places.clone();
            }
        }
        let mut counts: Vec<(String, f64)> = counts.into_iter().collect();
        counts.sort_by(|a, b| a.0.cmp(&b.0));
        let context = DocumentContext::from_counts(&counts).with_anchors(anchors);
        groups
            .iter()
            .enumerate()
            .map(|(gi, g)| decide(&self.gazetteer, candidates(g), gi, &evidence[gi], &context))
            .collect()
    }
}

/// Groups the mentions of one name ("Астана", "Астаны", "Astana" stand for the same set of
/// places) with the same kind words beside them: one name, one meaning per document, except
/// where a kind word says otherwise ("Almaty region" and "Almaty"). Returns the groups
/// (indices into `located`) and the group of each.
fn group_names(located: &[Located]) -> (Vec<Vec<usize>>, Vec<usize>) {
    let mut by_key: FxHashMap<(u64, KindSet), usize> = FxHashMap::default();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of = Vec::with_capacity(located.len());
    for (i, l) in located.iter().enumerate() {
        let g = *by_key.entry((l.m.identity, l.kinds)).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
        group_of.push(g);
    }
    (groups, group_of)
}
