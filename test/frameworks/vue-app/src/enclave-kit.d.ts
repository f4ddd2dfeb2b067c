// Gives Vue's type checker the enclave- tags (GlobalComponents) and their props and events.
import "enclave-kit/vue";
