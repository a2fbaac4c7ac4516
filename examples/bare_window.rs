//! A bare eframe + walkers window (an empty map, no tiles): the yardstick for Border
//! Atlas's start-up time and memory (README, "Start-up"). `cargo run --release --example
//! bare_window`.

struct Bare {
    memory: walkers::MapMemory,
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            let home = walkers::lon_lat(66.0, 45.0);
            ui.add(walkers::Map::new(None, &mut self.memory, home));
        });
    }
}

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Bare window")
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Bare window",
        options,
        Box::new(|_cc| {
            Ok(Box::new(Bare {
                memory: walkers::MapMemory::default(),
            }))
        }),
    )
}
