fn main() {
    // The one Tauri config lives at the repository root; src-tauri/tauri.conf.json is a
    // symlink to it so the Tauri CLI (bundling) finds it too.
    tauri_build::build()
}
