//! Optional OpenStreetMap tiles, with an on-disk cache, and a check of whether they can be
//! reached at all.
//!
//! Nothing here runs unless the user turns online tiles on: Border Atlas makes no network
//! request by default. walkers reports no failed downloads, so while online tiles are on a
//! background thread checks every 30 seconds that the tile server can be reached; when it
//! cannot, the map falls back to the offline basemap and the status bar says so.

use std::net::{TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use walkers::sources::{Attribution, OpenStreetMap, TileSource as _};
use walkers::{HeaderValue, HttpOptions, HttpTiles};

const TILE_HOST: &str = "tile.openstreetmap.org";
const RECHECK_EVERY: Duration = Duration::from_secs(30);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(4);

/// Whether the tile server answered the last check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reachability {
    /// The first check is still running.
    Checking,
    /// The tile server accepted a connection.
    Reachable,
    /// It did not; the reason, for the status bar.
    Unreachable(String),
}

/// OpenStreetMap tiles and the state of their server.
pub struct OnlineTiles {
    tiles: HttpTiles,
    reachability: Arc<Mutex<Reachability>>,
    last_check: Instant,
}

impl OnlineTiles {
    /// Starts downloading tiles on demand, cached under `cache_dir` when given.
    pub fn new(ctx: &egui::Context, cache_dir: Option<PathBuf>) -> Self {
        let options = HttpOptions {
            cache: cache_dir,
            user_agent: Some(HeaderValue::from_static(concat!(
                "BorderAtlas/",
                env!("CARGO_PKG_VERSION"),
                " (desktop map of cross-border cooperation)"
            ))),
            ..Default::default()
        };
        let reachability = Arc::new(Mutex::new(Reachability::Checking));
        spawn_check(reachability.clone(), ctx.clone());
        Self {
            tiles: HttpTiles::with_options(OpenStreetMap, options, ctx.clone()),
            reachability,
            last_check: Instant::now(),
        }
    }

    /// The walkers tile source, to hand to the map.
    pub fn tiles_mut(&mut self) -> &mut HttpTiles {
        &mut self.tiles
    }

    /// The result of the last check; starts a new check when the last one is old.
    pub fn reachability(&mut self, ctx: &egui::Context) -> Reachability {
        if self.last_check.elapsed() > RECHECK_EVERY {
            self.last_check = Instant::now();
            spawn_check(self.reachability.clone(), ctx.clone());
        }
        self.reachability
            .lock()
            .map(|r| r.clone())
            .unwrap_or(Reachability::Checking)
    }

    /// The credit OpenStreetMap requires.
    pub fn attribution() -> Attribution {
        OpenStreetMap.attribution()
    }
}

/// The default tile cache folder: the user's cache directory.
pub fn default_cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "Border Atlas", "border-atlas")
        .map(|d| d.cache_dir().join("tiles"))
}

fn spawn_check(into: Arc<Mutex<Reachability>>, ctx: egui::Context) {
    let spawned = std::thread::Builder::new()
        .name("tile-server-check".into())
        .spawn(move || {
            let result = check_tile_server();
            if let Ok(mut r) = into.lock() {
                *r = result;
            }
            ctx.request_repaint();
        });
    if let Err(err) = spawned {
        log::warn!("could not start the tile server check: {err}");
    }
}

fn check_tile_server() -> Reachability {
    let addrs = match (TILE_HOST, 443).to_socket_addrs() {
        Ok(addrs) => addrs.collect::<Vec<_>>(),
        Err(err) => return Reachability::Unreachable(format!("no network ({err})")),
    };
    let mut last_error = String::from("no address");
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT) {
            Ok(_) => return Reachability::Reachable,
            Err(err) => last_error = err.to_string(),
        }
    }
    Reachability::Unreachable(last_error)
}
