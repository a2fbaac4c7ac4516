//! The timeline's state in the window: the filter it sets, playing through time, and what
//! it shows (worked out again only when the documents change).

use super::BorderAtlasApp;
use crate::intent::{Playing, TimeIntent, TimeMode};
use crate::state::TimeFilter;
use crate::ui::timeline::{Month, TimelineView, first_day, last_day, month_of, tick_color};

/// Seconds between two steps of play.
const STEP_SECONDS: f64 = 0.6;

/// About how many steps play takes through the whole span (a step is at least a month).
const STEPS: i32 = 48;

impl BorderAtlasApp {
    /// Applies a timeline intent.
    pub(super) fn run_time(&mut self, intent: TimeIntent) {
        let span = self.cache.timeline.span;
        match intent {
            TimeIntent::Range(from, to) => {
                let as_of = self.filters.time.is_some_and(|f| f.as_of);
                self.set_time(Some(TimeFilter { from, to, as_of }));
            }
            TimeIntent::Mode(mode) => {
                let Some((first, last)) = span else { return };
                let current = self.filters.time.unwrap_or(TimeFilter {
                    from: first_day(first),
                    to: last_day(last),
                    as_of: false,
                });
                let as_of = mode == TimeMode::AsOf;
                self.set_time(Some(TimeFilter { as_of, ..current }));
            }
            TimeIntent::Play(Playing::On) => {
                let Some((first, last)) = span else { return };
                let at_end = self.filters.time.is_none_or(|f| month_of(f.to) >= last);
                // From the start, or on from where the range ends.
                if at_end {
                    let as_of = self.filters.time.is_some_and(|f| f.as_of);
                    self.set_time(Some(TimeFilter {
                        from: first_day(first),
                        to: last_day(first),
                        as_of,
                    }));
                }
                self.playing = true;
                self.last_step = None;
            }
            TimeIntent::Play(Playing::Off) => self.playing = false,
            TimeIntent::Clear => {
                self.playing = false;
                self.set_time(None);
            }
        }
    }

    fn set_time(&mut self, time: Option<TimeFilter>) {
        if self.filters.time != time {
            self.filters.time = time;
            self.generation += 1;
        }
    }

    /// While playing: the range's end moves on every step (a month, or more for a long
    /// span: the whole span plays in about 48 steps), until the last event.
    pub(super) fn play(&mut self, ctx: &egui::Context) {
        if !self.playing {
            return;
        }
        let (Some((first, last)), Some(filter)) = (self.cache.timeline.span, self.filters.time)
        else {
            self.playing = false;
            return;
        };
        let now = ctx.input(|i| i.time);
        let due = self.last_step.is_none_or(|t| now - t >= STEP_SECONDS);
        if due {
            self.last_step = Some(now);
            let to = month_of(filter.to);
            if to >= last {
                self.playing = false;
                return;
            }
            let step = ((last - first) / STEPS).max(1);
            let next: Month = (to + step).min(last);
            self.set_time(Some(TimeFilter {
                to: last_day(next),
                ..filter
            }));
        }
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(STEP_SECONDS));
    }

    /// What the timeline shows: the span of dated events, a tick per month and layer, and
    /// how many events have no date.
    pub(super) fn timeline_view(&self) -> TimelineView {
        let Some(loaded) = &self.loaded else {
            return TimelineView::default();
        };
        let mut ticks = Vec::new();
        let mut undated = 0;
        for item in &loaded.atlas.items {
            let layer = crate::layers::Layer::of(item.kind);
            for e in &item.events {
                match e.start() {
                    Some(day) => ticks.push((month_of(day), tick_color(layer))),
                    None => undated += 1,
                }
            }
        }
        ticks.sort_by_key(|(m, c)| (*m, c.to_array()));
        ticks.dedup();
        let span = ticks.first().zip(ticks.last()).map(|(a, b)| (a.0, b.0));
        TimelineView {
            span,
            ticks,
            undated,
            filter: self.filters.time,
            playing: self.playing,
        }
    }
}
