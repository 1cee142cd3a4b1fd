// 我发起的 / 已办: the cases I started, and those I acted on.
import { CaseTable } from '../CaseTable.tsx';
import { useI18n } from '../i18n/index.tsx';

export function Started() {
  const { t } = useI18n();
  return <CaseTable source="/api/instances?startedBy=me" title={t('started')} />;
}

export function Acted() {
  const { t } = useI18n();
  return <CaseTable source="/api/instances?actedBy=me" title={t('acted')} />;
}
