//! The timeline under the map: the span of every dated event, a tick for each month that
//! has events (coloured by layer), a range with two handles that filters the map, the list
//! and the counts, an "as of" mode that shows each place as it stands at a date, and a
//! play button that steps through time. Undated events are counted, never placed.

use egui::{Color32, Sense, Stroke, Ui, pos2, vec2};

use crate::intent::{Intent, Playing, TimeIntent, TimeMode, ViewIntent};
use crate::state::{Day, TimeFilter};

/// A month as a number: year × 12 + month − 1.
pub type Month = i32;

/// The month of a day.
pub fn month_of(day: Day) -> Month {
    day.0 * 12 + i32::from(day.1) - 1
}

/// The first day of a month.
pub fn first_day(m: Month) -> Day {
    (m.div_euclid(12), (m.rem_euclid(12) + 1) as u8, 1)
}

/// The last day of a month (31: days are only compared).
pub fn last_day(m: Month) -> Day {
    (m.div_euclid(12), (m.rem_euclid(12) + 1) as u8, 31)
}

fn label(m: Month) -> String {
    let (y, mo, _) = first_day(m);
    format!("{y}-{mo:02}")
}

/// What the timeline shows, made by the app when the documents or filters change.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineView {
    /// First and last month with a dated event.
    pub span: Option<(Month, Month)>,
    /// Months with events, each with the colour of a layer that has events then.
    pub ticks: Vec<(Month, Color32)>,
    /// Events with no date (their document has none and their passage gives none).
    pub undated: usize,
    /// The filter in force.
    pub filter: Option<TimeFilter>,
    /// Whether it plays.
    pub playing: bool,
}

fn time(commands: &mut Vec<Intent>, intent: TimeIntent) {
    commands.push(Intent::View(ViewIntent::Time(intent)));
}

/// Draws the timeline.
pub fn timeline_ui(ui: &mut Ui, view: &TimelineView, commands: &mut Vec<Intent>) {
    let Some((first, last)) = view.span else {
        ui.horizontal(|ui| {
            ui.weak(format!(
                "No dated events in these documents ({} undated).",
                view.undated
            ));
        });
        return;
    };
    let (from, to) = view
        .filter
        .map_or((first, last), |f| (month_of(f.from), month_of(f.to)));
    ui.horizontal(|ui| {
        controls_ui(ui, view, commands);
        let width = ui.available_width() - 10.0;
        track_ui(ui, view, (first, last), (from, to), width, commands);
    });
}

fn controls_ui(ui: &mut Ui, view: &TimelineView, commands: &mut Vec<Intent>) {
    let play = if view.playing { "Pause" } else { "Play" };
    if ui
        .button(play)
        .on_hover_text("Step through time, a month at a time")
        .clicked()
    {
        let next = if view.playing {
            Playing::Off
        } else {
            Playing::On
        };
        time(commands, TimeIntent::Play(next));
    }
    let mut as_of = view.filter.is_some_and(|f| f.as_of);
    if ui
        .checkbox(&mut as_of, "As of")
        .on_hover_text("Each place as it stands at the right handle's date")
        .changed()
    {
        let mode = if as_of {
            TimeMode::AsOf
        } else {
            TimeMode::Range
        };
        time(commands, TimeIntent::Mode(mode));
    }
    if ui
        .add_enabled(view.filter.is_some(), egui::Button::new("All time"))
        .clicked()
    {
        time(commands, TimeIntent::Clear);
    }
    if view.undated > 0 {
        ui.weak(format!("{} undated", view.undated))
            .on_hover_text("Events whose passage and document give no date: not on the timeline");
    }
}

/// The track: ticks, the range, and its two handles.
fn track_ui(
    ui: &mut Ui,
    view: &TimelineView,
    (first, last): (Month, Month),
    (from, to): (Month, Month),
    width: f32,
    commands: &mut Vec<Intent>,
) {
    let (rect, _) = ui.allocate_exact_size(vec2(width.max(120.0), 34.0), Sense::hover());
    let painter = ui.painter_at(rect);
    let inner = rect.shrink2(vec2(30.0, 4.0));
    let months = (last - first).max(1) as f32;
    let x_of = |m: Month| inner.left() + inner.width() * (m - first) as f32 / months;
    let m_of = |x: f32| first + ((x - inner.left()) / inner.width() * months).round() as Month;
    let visuals = ui.visuals();
    let mid = inner.center().y + 4.0;
    painter.line_segment(
        [pos2(inner.left(), mid), pos2(inner.right(), mid)],
        Stroke::new(2.0, visuals.weak_text_color()),
    );
    painter.rect_filled(
        egui::Rect::from_x_y_ranges(x_of(from)..=x_of(to), mid - 3.0..=mid + 3.0),
        2.0,
        visuals.selection.bg_fill,
    );
    for &(m, color) in &view.ticks {
        let x = x_of(m);
        painter.line_segment(
            [pos2(x, mid - 10.0), pos2(x, mid - 2.0)],
            Stroke::new(2.0, color),
        );
    }
    let font = egui::FontId::proportional(11.0);
    painter.text(
        pos2(inner.left(), rect.top()),
        egui::Align2::LEFT_TOP,
        label(from),
        font.clone(),
        visuals.text_color(),
    );
    painter.text(
        pos2(inner.right(), rect.top()),
        egui::Align2::RIGHT_TOP,
        label(to),
        font,
        visuals.text_color(),
    );
    let as_of = view.filter.is_some_and(|f| f.as_of);
    let handles = [(from, "timeline_from"), (to, "timeline_to")];
    for (n, (m, id)) in handles.into_iter().enumerate() {
        if as_of && n == 0 {
            continue;
        }
        let at = pos2(x_of(m), mid);
        let handle = egui::Rect::from_center_size(at, vec2(12.0, 18.0));
        let response = ui
            .interact(handle, ui.make_persistent_id(id), Sense::drag())
            .on_hover_text(label(m));
        let fill = if response.dragged() {
            visuals.selection.stroke.color
        } else {
            visuals.widgets.inactive.fg_stroke.color
        };
        painter.rect_filled(handle, 3.0, fill);
        if response.dragged()
            && let Some(p) = response.interact_pointer_pos()
        {
            let m = m_of(p.x).clamp(first, last);
            let (a, b) = if n == 0 {
                (m.min(to), to)
            } else {
                (from, m.max(from))
            };
            time(commands, TimeIntent::Range(first_day(a), last_day(b)));
        }
    }
}

/// The colour of a tick: the layer's.
pub fn tick_color(layer: crate::layers::Layer) -> Color32 {
    layer.color()
}
