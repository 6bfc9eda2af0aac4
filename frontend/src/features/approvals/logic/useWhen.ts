// Dates of approvals as the user reads them: their language, the organisation's time zone.
import { useI18n } from "vue-i18n";

import { useMeStore } from "@/features/me/store";

import { formatShort } from "./format";

export function useWhen(): (iso: string | null | undefined) => string {
  const { locale } = useI18n();
  const me = useMeStore();
  return (iso) => (iso ? formatShort(iso, locale.value, me.me?.time_zone) : "");
}
