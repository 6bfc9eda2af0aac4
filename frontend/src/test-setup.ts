// Unit tests start with both languages' texts loaded and English active, as a page would once booted.
import { applyLanguage } from "@/i18n";

await applyLanguage("zh-CN", { persist: false });
await applyLanguage("en", { persist: false });
