//! The map's layers of places: which layer each kind of item belongs to, how it looks, and
//! which layers are switched on.

use egui::Color32;

use crate::atlas::ItemKind;
use crate::gazetteer::PlaceKind;
use crate::geoparse::RelationKind;

/// A layer of the map, with its own look and a legend entry.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Layer {
    /// Border checkpoints and paired crossings.
    Checkpoints,
    /// Regions and other areas.
    Regions,
    /// Twin and sister cities.
    TwinCities,
    /// Roads, corridors and flight routes.
    Roads,
    /// Hubs, industrial zones, dams and reservoirs.
    Sites,
    /// Cities, towns and villages.
    Cities,
    /// Countries, lakes and rivers.
    Geography,
    /// A layer imported from a GeoJSON file, by its key.
    Imported(u32),
}

impl Layer {
    /// Every layer, top of the legend first.
    pub const ALL: [Layer; 7] = [
        Self::Checkpoints,
        Self::Regions,
        Self::TwinCities,
        Self::Roads,
        Self::Sites,
        Self::Cities,
        Self::Geography,
    ];

    /// The layer an item is drawn in.
    pub fn of(kind: ItemKind) -> Self {
        match kind {
            ItemKind::Place(PlaceKind::Checkpoint) | ItemKind::Relation(RelationKind::Crossing) => {
                Self::Checkpoints
            }
            ItemKind::Place(PlaceKind::Region | PlaceKind::District | PlaceKind::Area) => {
                Self::Regions
            }
            ItemKind::Relation(RelationKind::TwinCities) => Self::TwinCities,
            ItemKind::Place(PlaceKind::Road | PlaceKind::Corridor)
            | ItemKind::Relation(
                RelationKind::Road | RelationKind::Corridor | RelationKind::AirRoute,
            ) => Self::Roads,
            ItemKind::Place(
                PlaceKind::Hub | PlaceKind::Dam | PlaceKind::Reservoir | PlaceKind::Station,
            )
            | ItemKind::Relation(RelationKind::HubNearCheckpoint) => Self::Sites,
            ItemKind::Place(PlaceKind::City | PlaceKind::Village) => Self::Cities,
            ItemKind::Place(
                PlaceKind::Country
                | PlaceKind::Lake
                | PlaceKind::River
                | PlaceKind::Pass
                | PlaceKind::Peak,
            ) => Self::Geography,
            ItemKind::Imported(key) => Self::Imported(key),
        }
    }

    /// The legend's name for the layer.
    pub fn label(self) -> &'static str {
        match self {
            Self::Checkpoints => "Checkpoints",
            Self::Regions => "Regions",
            Self::TwinCities => "Twin cities",
            Self::Roads => "Roads & corridors",
            Self::Sites => "Hubs, dams & reservoirs",
            Self::Cities => "Cities & towns",
            Self::Geography => "Countries, lakes & rivers",
            Self::Imported(_) => "Imported layer",
        }
    }

    /// The layer's colour (from the map's style); strong enough for every theme.
    pub fn color(self) -> Color32 {
        crate::map::layer_color(self)
    }
}

/// Which layers are on.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LayerSwitches {
    off: Vec<Layer>,
}

impl LayerSwitches {
    /// Whether a layer is drawn.
    pub fn is_on(&self, layer: Layer) -> bool {
        !self.off.contains(&layer)
    }

    /// Switches a layer on or off.
    pub fn set(&mut self, layer: Layer, on: bool) {
        self.off.retain(|&l| l != layer);
        if !on {
            self.off.push(layer);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_layer_and_switches_toggle() {
        assert_eq!(
            Layer::of(ItemKind::Relation(RelationKind::Crossing)),
            Layer::Checkpoints
        );
        assert_eq!(Layer::of(ItemKind::Place(PlaceKind::Dam)), Layer::Sites);
        let mut s = LayerSwitches::default();
        assert!(s.is_on(Layer::Roads));
        s.set(Layer::Roads, false);
        assert!(!s.is_on(Layer::Roads));
        s.set(Layer::Roads, true);
        assert!(s.is_on(Layer::Roads));
    }
}
