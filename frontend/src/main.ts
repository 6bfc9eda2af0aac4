// Boots the app: language, features (routes + workbench entries), router, session-driven realtime.
import "vant/es/dialog/style";
import "vant/es/toast/style";
import "./app/styles.css";

import { createPinia } from "pinia";
import { createApp, watch } from "vue";

import App from "./App.vue";
import { createAppRouter } from "./app/router";
import { notifySignedIn } from "./app/signedIn";
import "./features";
import { useMeStore } from "./features/me/store";
import { applyInitialLanguage, i18n } from "./i18n";
import { installNetworkListeners, onBackOnline } from "./offline/network";
import { registerServiceWorker } from "./offline/sw";
import { startRealtime, stopRealtime } from "./realtime";

await applyInitialLanguage();
installNetworkListeners();

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
app.use(createAppRouter());

const me = useMeStore();
watch(
  () => me.status,
  (status) => {
    if (status === "authenticated") {
      startRealtime();
      notifySignedIn(); // features resume what waits for a session (the punch queue)
    } else {
      stopRealtime();
    }
  },
);
// Opened offline: find out who is signed in as soon as the network is back.
onBackOnline(() => {
  if (me.status === "unreachable") void me.load();
});

app.mount("#app");
registerServiceWorker();
