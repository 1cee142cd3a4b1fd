// 待办: what waits on me, soonest deadline first (the server's order).
import { CaseTable } from '../CaseTable.tsx';
import { useI18n } from '../i18n/index.tsx';

export default function Inbox() {
  const { t } = useI18n();
  return <CaseTable source="/api/tasks" title={t('inbox')} />;
}
