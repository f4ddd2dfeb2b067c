import "enclave-kit"; // defines <enclave-checkout>, <enclave-bank-link> and <enclave-identity>
import { createApp } from "vue";
import App from "./App.vue";

createApp(App).mount("#app");
