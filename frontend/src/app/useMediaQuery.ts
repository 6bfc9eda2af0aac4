// A reactive CSS media query, for the few layout switches CSS alone cannot do (tab bar vs side nav).
import { onScopeDispose, ref, type Ref } from "vue";

export const DESKTOP_QUERY = "(min-width: 1024px)";

export function useMediaQuery(query: string): Ref<boolean> {
  const matches = ref(false);
  if (typeof window === "undefined" || typeof window.matchMedia !== "function") return matches;
  const list = window.matchMedia(query);
  matches.value = list.matches;
  const update = (event: MediaQueryListEvent) => {
    matches.value = event.matches;
  };
  list.addEventListener("change", update);
  onScopeDispose(() => list.removeEventListener("change", update));
  return matches;
}
