fn main() {
    polku_app::run();
}
