//! The Review tab: one item of the queue at a time — the passage with the name marked, the
//! place chosen and up to five alternatives (numbered as on the map, with their distance
//! from the chosen one) — decided with a key: Enter accepts, 1–5 picks an alternative, X
//! rejects, P places it by a click on the map, S skips, Ctrl+Z undoes.

use egui::text::LayoutJob;
use egui::{Color32, FontId, Key, Modifiers, TextFormat, Ui};

use crate::intent::{Answer, Intent, QueueKind, ReviewIntent, Visibility};

/// A place offered for an item: the chosen one or an alternative.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Gazetteer (or user) id.
    pub id: String,
    /// "Karasu (KZ checkpoint)".
    pub label: String,
    /// How sure the geoparser would be of it.
    pub confidence: Option<f64>,
    /// Distance from the chosen place, km.
    pub km: Option<f64>,
}

/// The item shown.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewItem {
    /// The name as written.
    pub name: String,
    /// "automatic" or "unresolved".
    pub status: &'static str,
    /// The document's title.
    pub document: String,
    /// The passage.
    pub passage: String,
    /// The name's place in the passage, in chars.
    pub mark: (usize, usize),
    /// The place chosen, if any.
    pub chosen: Option<Candidate>,
    /// Up to five others, numbered from 1.
    pub alternatives: Vec<Candidate>,
}

/// What the tab shows, made by the app from the atlas and the review state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReviewView {
    /// Items left in the queue (filtered).
    pub pending: usize,
    /// Position of the item shown, from 0.
    pub position: usize,
    /// The item shown.
    pub item: Option<ReviewItem>,
    /// "Apply to 6 more mentions of «Карасу»", when a decision can go further.
    pub offer: Option<String>,
    /// Waiting for the click that places the item.
    pub placing: bool,
    /// The kind a placed name gets.
    pub place_kind: String,
    /// The search typed, and what it found.
    pub search: String,
    /// Places found by the search.
    pub results: Vec<Candidate>,
    /// Document titles, for the filter.
    pub documents: Vec<String>,
    /// The document filter.
    pub document: Option<usize>,
    /// Which items.
    pub kind: QueueKind,
    /// Decisions set aside, described.
    pub set_aside: Vec<String>,
    /// Whether there is a decision to take back.
    pub can_undo: bool,
    /// Decisions made so far.
    pub decided: usize,
}

/// Kinds a placed name can get.
const PLACE_KINDS: [&str; 8] = [
    "village",
    "city",
    "checkpoint",
    "station",
    "hub",
    "dam",
    "reservoir",
    "pass",
];

fn review(commands: &mut Vec<Intent>, intent: ReviewIntent) {
    commands.push(Intent::Review(intent));
}

/// Draws the tab; decisions are pushed to `commands`.
pub fn review_ui(ui: &mut Ui, view: &ReviewView, commands: &mut Vec<Intent>) {
    keys(ui, view, commands);
    filters_ui(ui, view, commands);
    ui.separator();
    if let Some(offer) = &view.offer {
        offer_ui(ui, offer, commands);
    }
    match &view.item {
        Some(item) => item_ui(ui, view, item, commands),
        None => {
            ui.label(format!(
                "Nothing left to review here ({} decided).",
                view.decided
            ));
        }
    }
    ui.horizontal(|ui| {
        if ui
            .add_enabled(view.can_undo, egui::Button::new("Undo (Ctrl+Z)"))
            .clicked()
        {
            review(commands, ReviewIntent::Undo);
        }
        ui.weak(format!("{} decided", view.decided));
    });
    ui.horizontal(|ui| {
        if ui.button("Export your places...").clicked() {
            review(
                commands,
                ReviewIntent::AskPath(crate::intent::PathPurpose::ExportUserPlaces),
            );
        }
        if ui.button("Import places...").clicked() {
            review(
                commands,
                ReviewIntent::AskPath(crate::intent::PathPurpose::ImportUserPlaces),
            );
        }
    });
    if !view.set_aside.is_empty() {
        ui.separator();
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "{} decisions set aside (their document is not open or has changed):",
                view.set_aside.len()
            ),
        );
        for s in &view.set_aside {
            ui.weak(s);
        }
    }
}

/// The keys, when no text field has the keyboard.
fn keys(ui: &Ui, view: &ReviewView, commands: &mut Vec<Intent>) {
    if ui.ctx().egui_wants_keyboard_input() {
        return;
    }
    let pressed = |key: Key| ui.input_mut(|i| i.consume_key(Modifiers::NONE, key));
    if ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::Z)) {
        review(commands, ReviewIntent::Undo);
    }
    if view.item.is_none() {
        return;
    }
    if pressed(Key::Enter) {
        review(commands, ReviewIntent::Accept);
    }
    let numbers = [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5];
    for (n, key) in numbers.into_iter().enumerate() {
        if pressed(key) {
            review(commands, ReviewIntent::Pick(n + 1));
        }
    }
    if pressed(Key::X) {
        review(commands, ReviewIntent::Reject);
    }
    if pressed(Key::P) {
        review(commands, ReviewIntent::StartPlacing(Visibility::Shown));
    }
    if pressed(Key::S) {
        review(commands, ReviewIntent::Skip);
    }
    if pressed(Key::Escape) && view.placing {
        review(commands, ReviewIntent::StartPlacing(Visibility::Hidden));
    }
}

fn filters_ui(ui: &mut Ui, view: &ReviewView, commands: &mut Vec<Intent>) {
    ui.horizontal(|ui| {
        let shown = view
            .document
            .and_then(|d| view.documents.get(d))
            .map_or("All documents", String::as_str);
        egui::ComboBox::new("review_document", "Document")
            .width(170.0)
            .selected_text(shown.chars().take(28).collect::<String>())
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(view.document.is_none(), "All documents")
                    .clicked()
                {
                    review(commands, ReviewIntent::FilterDocument(None));
                }
                for (d, title) in view.documents.iter().enumerate() {
                    if ui
                        .selectable_label(view.document == Some(d), title)
                        .clicked()
                    {
                        review(commands, ReviewIntent::FilterDocument(Some(d)));
                    }
                }
            });
        for (kind, label) in [
            (QueueKind::All, "All"),
            (QueueKind::Unresolved, "Unresolved"),
            (QueueKind::Placed, "Placed"),
        ] {
            if ui.selectable_label(view.kind == kind, label).clicked() {
                review(commands, ReviewIntent::FilterKind(kind));
            }
        }
    });
}

fn offer_ui(ui: &mut Ui, offer: &str, commands: &mut Vec<Intent>) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(offer);
        ui.horizontal(|ui| {
            if ui.button("Apply").clicked() {
                review(commands, ReviewIntent::ApplyToOthers(Answer::Proceed));
            }
            if ui.button("Not there").clicked() {
                review(commands, ReviewIntent::ApplyToOthers(Answer::Keep));
            }
        });
    });
}

fn item_ui(ui: &mut Ui, view: &ReviewView, item: &ReviewItem, commands: &mut Vec<Intent>) {
    ui.horizontal(|ui| {
        ui.strong(format!("{} of {}", view.position + 1, view.pending));
        ui.label(format!("«{}» · {}", item.name, item.status));
    });
    ui.weak(&item.document);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(marked(&item.passage, item.mark, ui.visuals().text_color()));
    });
    match &item.chosen {
        Some(c) => {
            let text = format!("Chosen: {}{}", c.label, confidence(c.confidence));
            if ui.button(format!("{text}   [Enter accepts]")).clicked() {
                review(commands, ReviewIntent::Accept);
            }
        }
        None => {
            ui.weak("The geoparser found no place for this name.");
        }
    }
    for (n, c) in item.alternatives.iter().enumerate() {
        let km = c.km.map_or(String::new(), |k| format!(" · {k:.0} km away"));
        let label = format!("{}. {}{}{km}", n + 1, c.label, confidence(c.confidence));
        if ui.button(label).clicked() {
            review(commands, ReviewIntent::Pick(n + 1));
        }
    }
    ui.horizontal(|ui| {
        if ui.button("Reject (X)").clicked() {
            review(commands, ReviewIntent::Reject);
        }
        if ui.button("Skip (S)").clicked() {
            review(commands, ReviewIntent::Skip);
        }
        if ui
            .add_enabled(view.position > 0, egui::Button::new("Back"))
            .clicked()
        {
            review(commands, ReviewIntent::Back);
        }
    });
    placing_ui(ui, view, commands);
    search_ui(ui, view, commands);
}

fn placing_ui(ui: &mut Ui, view: &ReviewView, commands: &mut Vec<Intent>) {
    ui.horizontal(|ui| {
        let place = ui.selectable_label(view.placing, "Place on the map (P)");
        if place.clicked() {
            let next = if view.placing {
                Visibility::Hidden
            } else {
                Visibility::Shown
            };
            review(commands, ReviewIntent::StartPlacing(next));
        }
        let kind = if view.place_kind.is_empty() {
            "the kind the text says"
        } else {
            view.place_kind.as_str()
        };
        egui::ComboBox::new("review_place_kind", "as")
            .selected_text(kind)
            .show_ui(ui, |ui| {
                for kind in PLACE_KINDS {
                    if ui.selectable_label(view.place_kind == kind, kind).clicked() {
                        review(commands, ReviewIntent::PlaceKind(kind.into()));
                    }
                }
            });
    });
    if view.placing {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "Click the map where it is (Esc to stop).",
        );
    }
}

fn search_ui(ui: &mut Ui, view: &ReviewView, commands: &mut Vec<Intent>) {
    let mut search = view.search.clone();
    let edit = egui::TextEdit::singleline(&mut search).hint_text("Search the gazetteer by name");
    if ui.add(edit).changed() {
        review(commands, ReviewIntent::Search(search));
    }
    for c in &view.results {
        if ui.small_button(&c.label).clicked() {
            review(commands, ReviewIntent::Choose(c.id.clone()));
        }
    }
}

fn confidence(c: Option<f64>) -> String {
    c.map_or(String::new(), |c| format!(" · {:.0}%", c * 100.0))
}

/// The passage with the name in bold on a highlight.
fn marked(passage: &str, (start, end): (usize, usize), color: Color32) -> LayoutJob {
    let mut job = LayoutJob::default();
    let plain = TextFormat {
        font_id: FontId::proportional(14.0),
        color,
        ..Default::default()
    };
    let strong = TextFormat {
        background: Color32::from_rgba_unmultiplied(255, 200, 0, 110),
        ..plain.clone()
    };
    let byte = |c: usize| {
        passage
            .char_indices()
            .nth(c)
            .map_or(passage.len(), |(b, _)| b)
    };
    let (a, b) = (byte(start), byte(end));
    job.append(&passage[..a], 0.0, plain.clone());
    job.append(&passage[a..b], 0.0, strong);
    job.append(&passage[b..], 0.0, plain);
    job.wrap.max_width = f32::INFINITY;
    job
}
