//! What the user can ask for — from menus, buttons, keys, the map and the panels — as
//! intents, grouped by domain: the view, the selection, files, export, tours and
//! presenting. Panels return intents and never change the app themselves; the app applies
//! each group in a handler of its own, with an exhaustive match.

use std::path::PathBuf;

use egui::ThemePreference;

use crate::atlas::Source;
use crate::layers::Layer;
use crate::map::{Background, MapAction};

/// Anything the user can ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    /// The map, the theme, layers and filters.
    View(ViewIntent),
    /// What is selected and shown in the side panel.
    Selection(SelectionIntent),
    /// Documents, layers and projects.
    Files(FileIntent),
    /// Places and pictures written out.
    Export(ExportIntent),
    /// Editing tours.
    Tour(TourIntent),
    /// Presenting a tour.
    Present(PresentIntent),
    /// Reviewing what the geoparser decided.
    Review(ReviewIntent),
}

/// Reviewing the geoparser's decisions, item by item of the queue.
#[derive(Clone, Debug, PartialEq)]
pub enum ReviewIntent {
    /// The geoparser's place is right (Enter).
    Accept,
    /// The n-th alternative (1–5) is meant.
    Pick(usize),
    /// This place (a gazetteer id found by search) is meant.
    Choose(String),
    /// Not a place, or not this one (X).
    Reject,
    /// Place it by a click on the map (P); `None` stops waiting for the click.
    StartPlacing(Visibility),
    /// The click that places it, at (longitude, latitude), with the kind chosen.
    PlaceAt(f64, f64),
    /// The kind a placed name gets.
    PlaceKind(String),
    /// Leave it for later (S).
    Skip,
    /// Go back to the previous item.
    Back,
    /// Take back the last decision (Ctrl+Z).
    Undo,
    /// Search the gazetteer for another place by name.
    Search(String),
    /// Apply the last decision to the same name in the other documents too, or not.
    ApplyToOthers(Answer),
    /// Only the items of this document (or of all).
    FilterDocument(Option<usize>),
    /// Only unresolved names, only mentions, or both.
    FilterKind(QueueKind),
    /// Ask where to write the user's places, or which file to read places from.
    AskPath(PathPurpose),
    /// Write the user's places here as GeoJSON.
    WriteUserPlaces(PathBuf, Overwrite),
    /// Add the places of this GeoJSON file to the user's own.
    ReadUserPlaces(PathBuf),
    /// Set a document's date (ISO at any precision), or say it is undated.
    SetDocumentDate(usize, Option<String>),
}

/// What the timeline under the map asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeIntent {
    /// Show what happens between these days (year, month, day).
    Range(crate::state::Day, crate::state::Day),
    /// What happens in the range, or each place as it stands at the range's end.
    Mode(TimeMode),
    /// Play through time, or pause.
    Play(Playing),
    /// Everything, whenever it happens.
    Clear,
}

/// How the timeline filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeMode {
    /// What happens in the range.
    Range,
    /// Each place in its latest status at the range's end.
    AsOf,
}

/// Whether the timeline plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Playing {
    /// Stepping forward a month at a time.
    On,
    /// Still.
    Off,
}

/// Which items the review queue holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QueueKind {
    /// Unresolved names and automatic mentions.
    #[default]
    All,
    /// Names that matched nothing.
    Unresolved,
    /// Places the geoparser chose.
    Placed,
}

/// Shown or hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visibility {
    /// Shown.
    Shown,
    /// Hidden.
    Hidden,
}

impl Visibility {
    /// `Shown` for `true`.
    pub fn shown_if(on: bool) -> Self {
        if on { Self::Shown } else { Self::Hidden }
    }
}

/// Whether an existing file may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overwrite {
    /// Ask first if the file exists.
    Ask,
    /// Replace it (the user said so).
    Replace,
}

/// The answer to "replace the unsaved work?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Go on.
    Proceed,
    /// Keep the work.
    Keep,
}

/// Which way a tour's stop moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Earlier in the tour.
    Earlier,
    /// Later in the tour.
    Later,
}

/// The map, the theme, layers and filters.
#[derive(Clone, Debug, PartialEq)]
pub enum ViewIntent {
    /// Navigate the map.
    Map(MapAction),
    /// Switch between the offline basemap and online tiles.
    SetBackground(Background),
    /// Light, dark or the system's theme.
    SetTheme(ThemePreference),
    /// Colours for a screen or for a projector in a lit room.
    SetContrast(crate::map::Contrast),
    /// Open or close the About box.
    About(Visibility),
    /// Show or hide a layer.
    Layer(Layer, Visibility),
    /// Show or hide the places of a document.
    Document(usize, Visibility),
    /// Show or hide the places of a country.
    Country(String, Visibility),
    /// Show only the places the user has checked (`Hidden` hides the unchecked ones).
    Unverified(Visibility),
    /// The timeline: filter the map by time, or play through it.
    Time(TimeIntent),
    /// Close the window.
    Quit,
}

/// What is selected and shown in the side panel.
#[derive(Clone, Debug, PartialEq)]
pub enum SelectionIntent {
    /// Change the selection.
    Select(Vec<String>, SelectMode),
    /// Select one place and frame it, keeping the side panel as it is (from the reader).
    Focus(String),
    /// Clear the selection.
    Clear,
    /// Frame the selected places.
    ZoomTo,
    /// Open the document reader at a passage and select the places it names.
    OpenPassage(Source),
}

/// Documents, layers and projects.
#[derive(Clone, Debug, PartialEq)]
pub enum FileIntent {
    /// Ask for documents to open with the system's file dialog.
    OpenDocumentsDialog,
    /// Show the window where a path can be typed for this purpose, or close it.
    ShowPathPrompt(Option<PathPurpose>),
    /// Read these files or folders and add them to the corpus.
    OpenPaths(Vec<PathBuf>),
    /// Files dropped on the window: projects are opened, GeoJSON imported, the rest read as
    /// documents.
    Drop(Vec<PathBuf>),
    /// Ask for GeoJSON files to import with the system's file dialog.
    ImportLayerDialog,
    /// Import these GeoJSON files, each as a layer.
    ImportLayers(Vec<PathBuf>),
    /// Take an imported layer out, by its key.
    RemoveLayer(u32),
    /// Start again from the seed documents alone.
    NewProject,
    /// Answer "replace the unsaved work?".
    ConfirmReplace(Answer),
    /// Ask for a project to open with the system's file dialog.
    OpenProjectDialog,
    /// Open this project, replacing the current work.
    OpenProject(PathBuf),
    /// Save to the project's file, or ask where if it has none.
    SaveProject,
    /// Ask where to save the project.
    SaveProjectAsDialog,
    /// Save the project here.
    SaveProjectTo(PathBuf, Overwrite),
    /// Close the list of files that could not be read.
    DismissOpenErrors,
    /// Stop a job running in the background; what it would have changed stays unchanged.
    Cancel(BackgroundJob),
}

/// The two jobs that can run in the background at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackgroundJob {
    /// Reading documents, a project's documents, or layers into the work.
    Reading,
    /// Saving, reading a project file, drawing a picture.
    Chore,
}

/// Places and pictures written out.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportIntent {
    /// Export places: ask where with the system's save dialog (or a typed path).
    Places(ExportFormat, ExportScope),
    /// Export places to this path.
    PlacesTo(ExportFormat, ExportScope, PathBuf, Overwrite),
    /// Copy places as GeoJSON to the clipboard.
    CopyGeoJson(ExportScope),
    /// Ask where to write a picture of the map of this size (pixels).
    Image(u32, u32),
    /// Write a PNG of the map at this size (pixels).
    ImageTo(PathBuf, u32, u32, Overwrite),
}

/// Editing tours.
#[derive(Clone, Debug, PartialEq)]
pub enum TourIntent {
    /// Add the selected items to the current tour as stops.
    AddSelection,
    /// Start a new, empty tour and make it current.
    New,
    /// Make this tour the current one.
    Choose(usize),
    /// Delete the current tour.
    Delete,
    /// Retitle the current tour.
    Title(String),
    /// Move a stop of the current tour.
    MoveStop(usize, Direction),
    /// Take a stop out of the current tour.
    RemoveStop(usize),
    /// Choose the quote a stop shows.
    Quote(usize, Option<Source>),
    /// Show the map as of a date at a stop (ISO), or not.
    AsOf(usize, Option<String>),
    /// Advance the tour by itself every so many seconds, or not.
    AutoAdvance(Option<f64>),
}

/// Presenting a tour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PresentIntent {
    /// Start presenting (full screen, the current tour, or one made of the selection).
    Start,
    /// Stop presenting.
    Stop,
    /// Move through the tour being presented.
    Step(TourStep),
}

impl From<ViewIntent> for Intent {
    fn from(i: ViewIntent) -> Self {
        Self::View(i)
    }
}

impl From<SelectionIntent> for Intent {
    fn from(i: SelectionIntent) -> Self {
        Self::Selection(i)
    }
}

impl From<FileIntent> for Intent {
    fn from(i: FileIntent) -> Self {
        Self::Files(i)
    }
}

impl From<ExportIntent> for Intent {
    fn from(i: ExportIntent) -> Self {
        Self::Export(i)
    }
}

impl From<TourIntent> for Intent {
    fn from(i: TourIntent) -> Self {
        Self::Tour(i)
    }
}

impl From<PresentIntent> for Intent {
    fn from(i: PresentIntent) -> Self {
        Self::Present(i)
    }
}

/// How a selection command changes the selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectMode {
    /// The given items become the selection.
    Replace,
    /// Each given item is added, or removed if it was selected.
    Toggle,
    /// The given items are added.
    Add,
}

/// The file format of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// GeoJSON (RFC 7946), the same as `border-atlas export`.
    GeoJson,
    /// CSV for spreadsheets.
    Csv,
}

impl ExportFormat {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::GeoJson => "geojson",
            Self::Csv => "csv",
        }
    }
}

/// What an export holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportScope {
    /// The selected places.
    Selection,
    /// Every place shown on the map (layers and filters applied).
    Visible,
}

/// A move through a tour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TourStep {
    /// The next stop.
    Next,
    /// The stop before.
    Back,
    /// The first stop.
    First,
    /// The last stop.
    Last,
}

/// What a path typed by hand is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    /// Documents or folders to read.
    OpenDocuments,
    /// GeoJSON files to import as layers.
    ImportLayer,
    /// A project to open.
    OpenProject,
    /// Where to save the project.
    SaveProject,
    /// Where to write a picture of the map.
    ExportImage,
    /// Where to export places, in this format.
    ExportPlaces(ExportFormat, ExportScope),
    /// Where to write the places the user added (GeoJSON).
    ExportUserPlaces,
    /// A GeoJSON file of places to add to the user's own.
    ImportUserPlaces,
}
