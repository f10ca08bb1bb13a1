// A library form in a dialog: 提交 submits the form, the banner says what the API refused that names
// no field of the form.
import type { ReactNode } from 'react';
import { Alert, Modal, type FormInstance } from 'antd';
import { useT } from '../i18n/i18n';

export const FormModal = ({
  title,
  form,
  pending,
  banner,
  onClose,
  children,
}: {
  title: string;
  form: FormInstance;
  pending: boolean;
  banner: string[];
  onClose: () => void;
  children: ReactNode;
}) => {
  const t = useT();
  return (
    <Modal
      open
      title={title}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {banner.length > 0 && (
        <Alert type="error" showIcon title={t('lib.problem', { detail: banner.join('; ') })} />
      )}
      {children}
    </Modal>
  );
};
