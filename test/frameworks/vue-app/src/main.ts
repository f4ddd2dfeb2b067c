import "enclave-kit"; // defines <enclave-checkout>, <enclave-bank-link> and <enclave-identity>
import { createApp } from "vue";
import App from "./App.vue";
import PlainBinding from "./PlainBinding.vue";

createApp(new URLSearchParams(location.search).has("plain-binding") ? PlainBinding : App).mount("#app");
