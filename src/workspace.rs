//! The workspace: documents → geoparser → atlas, the one pipeline the window and the command
//! line share. It reads the seeds, documents from disk, a project's documents and layers,
//! and keeps what was read so that a document added later is the only one read. The
//! lookups only the window needs (the panels' index, the map's scene) are made on first use.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use crate::atlas::Atlas;
use crate::atlas_view::AtlasIndex;
use crate::corpus::{Corpus, Document, LoadError};
use crate::geoparse::Geoparser;
use crate::map::PlacesScene;
use crate::progress::{Cancelled, Progress};
use crate::project::{Project, ProjectError};

/// Why a project's workspace could not be made.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// The project is damaged.
    #[error(transparent)]
    Project(#[from] ProjectError),
    /// The user cancelled the reading.
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

/// The documents read and what was found in them.
#[derive(Clone)]
pub struct Workspace {
    /// The geoparser, kept to read more documents.
    pub geoparser: Arc<Geoparser>,
    /// Documents, places and imported layers.
    pub atlas: Arc<Atlas>,
    index: OnceLock<Arc<AtlasIndex>>,
    scene: OnceLock<Arc<PlacesScene>>,
}

impl Workspace {
    /// A workspace of an atlas already built.
    pub fn new(atlas: Atlas, geoparser: Arc<Geoparser>) -> Self {
        Self {
            geoparser,
            atlas: Arc::new(atlas),
            index: OnceLock::new(),
            scene: OnceLock::new(),
        }
    }

    /// Loads the embedded gazetteer into a geoparser (~70 ms).
    pub fn geoparser() -> Result<Arc<Geoparser>, String> {
        Geoparser::embedded()
            .map(Arc::new)
            .map_err(|e| format!("the gazetteer could not be loaded: {e}"))
    }

    /// Reads the seed corpus (slow: run it off the UI thread).
    pub fn seeds() -> Result<Self, String> {
        Ok(Self::seeds_with(Self::geoparser()?))
    }

    /// Reads the seed corpus with this geoparser.
    pub fn seeds_with(geoparser: Arc<Geoparser>) -> Self {
        let atlas = Atlas::build(Corpus::seeds(), &geoparser);
        Self::new(atlas, geoparser)
    }

    /// Reads the documents at `paths` (files or folders) and nothing else; the files that
    /// cannot be read come back with their reasons.
    pub fn of_paths(paths: &[PathBuf], geoparser: Arc<Geoparser>) -> (Self, Vec<LoadError>) {
        let (corpus, errors) = Corpus::from_paths(paths);
        (
            Self::new(Atlas::build(corpus, &geoparser), geoparser),
            errors,
        )
    }

    /// This workspace with the files at `paths` added: only they are read; the files that
    /// cannot be read come back with their reasons and nothing already read is lost.
    pub fn with_files(&self, paths: &[PathBuf]) -> (Self, Vec<LoadError>) {
        match self.with_files_watched(paths, &Progress::new()) {
            Ok(done) => done,
            // Nobody holds this progress to cancel it.
            Err(Cancelled) => (self.clone(), Vec::new()),
        }
    }

    /// [`Workspace::with_files`], one step per document read, stopping when cancelled.
    pub fn with_files_watched(
        &self,
        paths: &[PathBuf],
        progress: &Progress,
    ) -> Result<(Self, Vec<LoadError>), Cancelled> {
        let (new_docs, errors) = crate::corpus::read_paths_watched(paths, progress)?;
        let atlas = self
            .atlas
            .with_documents_watched(new_docs, &self.geoparser, progress)?;
        Ok((Self::new(atlas, self.geoparser.clone()), errors))
    }

    /// The seed corpus with a project's documents and layers.
    pub fn from_project(
        project: &Project,
        geoparser: Arc<Geoparser>,
    ) -> Result<Self, WorkspaceError> {
        Self::from_project_watched(project, geoparser, &Progress::new())
    }

    /// [`Workspace::from_project`], one step per document read, stopping when cancelled.
    pub fn from_project_watched(
        project: &Project,
        geoparser: Arc<Geoparser>,
        progress: &Progress,
    ) -> Result<Self, WorkspaceError> {
        let layers = project.imported_layers()?;
        let mut documents = Corpus::seeds().documents;
        documents.extend(
            project
                .documents
                .iter()
                .map(|d| Document::new(d.file_name.clone(), d.text.clone())),
        );
        let empty = Atlas {
            review: project.review.clone(),
            ..Atlas::default()
        };
        let atlas = empty
            .with_documents_watched(documents, &geoparser, progress)?
            .with_layers(layers);
        Ok(Self::new(atlas, geoparser))
    }

    /// The same documents with the atlas changed (layers added or removed).
    pub fn with_atlas(&self, atlas: Atlas) -> Self {
        Self::new(atlas, self.geoparser.clone())
    }

    /// Lookups for the panels: items by id, mention spans, search keys.
    pub fn index(&self) -> &AtlasIndex {
        self.index.get_or_init(|| {
            let atlas = &self.atlas;
            let gazetteer = self.geoparser.gazetteer();
            let names_of = |i: usize| {
                atlas.items[i]
                    .place
                    .and_then(|p| gazetteer.get(p))
                    .map(|place| place.variants.clone())
                    .unwrap_or_default()
            };
            Arc::new(AtlasIndex::new(atlas, names_of))
        })
    }

    /// The places ready to draw (shared with pictures drawn of them).
    pub fn scene(&self) -> &Arc<PlacesScene> {
        self.scene
            .get_or_init(|| Arc::new(PlacesScene::new(&self.atlas)))
    }

    /// Makes the index and scene now, so that the window's first frame does not (call it
    /// off the UI thread).
    pub fn prepared(self) -> Self {
        self.index();
        self.scene();
        self
    }
}
