import { mount } from "svelte";
import App from "./App.svelte";
import "./styles.css";

// The mock backend exists only in `vite build --mode mock`; in the production build this
// branch is dead code and the module is never bundled.
if (import.meta.env.MODE === "mock") {
  const { installMockBackend } = await import("./mock/install");
  installMockBackend();
}

mount(App, { target: document.getElementById("app")! });
