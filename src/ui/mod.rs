//! The window's panels other than the map: menu bar, status bar, About box.

pub mod about;
pub mod menu;
pub mod status_bar;
