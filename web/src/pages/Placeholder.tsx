// A page still to come (期限 / 人员 / 管理): registered so the menu and the URL exist already.
import { Result } from 'antd';
import { useI18n } from '../i18n/index.tsx';

export default function Placeholder() {
  const { t } = useI18n();
  return <Result status="info" title={t('comingSoon')} />;
}
