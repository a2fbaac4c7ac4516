//! The window's panels other than the map: menu bar, legend, places list, quotes, document
//! reader, status bar, About box.

pub mod about;
pub mod filters;
pub mod history;
pub mod legend;
pub mod menu;
pub mod open_documents;
pub mod place_card;
pub mod places_list;
pub mod presentation;
pub mod properties;
pub mod quotes;
pub mod reader;
pub mod review;
pub mod status_bar;
pub mod timeline;
pub mod tour_editor;
