//! The places and relations of the atlas on the map, split by job: the scene and its
//! spatial indexes ([`scene`]), clusters per zoom level ([`cluster`]), hit-testing
//! ([`hit`]), symbols and labels ([`symbols`]), drawing a frame ([`draw`]), and the walkers
//! plugin that ties them to the map (here).

pub mod cluster;
pub mod draw;
pub mod hit;
pub mod marks;
pub mod scene;
pub mod symbols;

use egui::{Pos2, Response, Stroke, Ui};
use walkers::{MapMemory, Plugin, Projector};

pub use draw::{SceneView, draw_scene};
pub use scene::{PlacesScene, SceneItem};

use super::{OverlayStyle, ScreenTransform};

/// What the pointer did on the map this frame, for the app to apply.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapPointer {
    /// The item under the pointer.
    pub hovered: Option<String>,
    /// An item clicked (or `Some(None)`: a click on empty map).
    pub clicked: Option<Option<String>>,
    /// Whether Ctrl (Cmd on macOS) was held while clicking.
    pub toggle: bool,
    /// Items inside a Shift-drag box, when the drag ended.
    pub boxed: Option<Vec<String>>,
}

/// The walkers plugin that draws the atlas for one frame and reports the pointer.
pub struct PlacesLayer<'a> {
    /// What to draw and what to highlight (the item hovered in the last frame).
    pub view: SceneView<'a>,
    /// Where a Shift-drag started and where it is now, in screen points.
    pub box_start: &'a mut Option<(Pos2, Pos2)>,
    /// What the pointer did.
    pub out: &'a mut MapPointer,
}

impl Plugin for PlacesLayer<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        response: &Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let t = ScreenTransform::from_projector(projector, response.rect);
        let painter = ui.painter_at(response.rect);
        let style = OverlayStyle::of(self.view.palette);
        let view = self.view;
        draw_scene(&painter, &view, &t, projector.zoom(), &style);
        let shift = ui.input(|i| i.modifiers.shift);
        if let Some(pos) = response.hover_pos() {
            self.out.hovered = hit::hit(view.scene, &t, pos, view.shown).map(|i| i.id.clone());
        }
        if shift && self.box_start.is_none() && (response.drag_started() || response.dragged()) {
            let origin = ui
                .input(|i| i.pointer.press_origin())
                .or(response.interact_pointer_pos());
            *self.box_start = origin.map(|p| (p, p));
        }
        if let Some((start, last)) = self.box_start.as_mut() {
            if let Some(now) = response.interact_pointer_pos().or(response.hover_pos()) {
                *last = now;
            }
            let rect = egui::Rect::from_two_pos(*start, *last);
            painter.rect(
                rect,
                0.0,
                style.box_fill,
                Stroke::new(1.0, style.box_stroke),
                egui::StrokeKind::Inside,
            );
            if response.drag_stopped() || !ui.input(|i| i.pointer.primary_down()) {
                self.out.boxed = Some(hit::in_rect(view.scene, &t, rect, view.shown));
                *self.box_start = None;
            }
        }
        if response.clicked() && !response.dragged() {
            let hit = response
                .interact_pointer_pos()
                .and_then(|p| hit::hit(view.scene, &t, p, view.shown));
            self.out.clicked = Some(hit.map(|i| i.id.clone()));
            self.out.toggle = ui.input(|i| i.modifiers.command);
        }
    }
}
