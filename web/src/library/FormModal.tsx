// A library form in a dialog: 提交 submits the form and saves it; on success a toast and the dialog
// closes, on failure the API's errors go under the fields they name and the rest into the banner.
// Both library forms (articles, products) are laid out and saved the same way.
import { useState, type ReactNode } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import { useT } from '../i18n/i18n';
import { showProblem } from './form-problem';

export const FormModal = <Values,>({
  title,
  pending,
  onClose,
  save,
  fields,
  rename,
  initialValues,
  children,
}: {
  title: string;
  pending: boolean;
  onClose: () => void;
  /** saves the values; resolves to the toast that says so */
  save: (values: Values) => Promise<string>;
  /** the contract's fields the form shows (the API's errors on them go under the field) */
  fields: readonly string[];
  /** a contract field the form shows under another name */
  rename?: Record<string, string>;
  initialValues: Partial<Values>;
  children: ReactNode;
}) => {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [banner, setBanner] = useState<string[]>([]);

  const submit = async (v: Values) => {
    setBanner([]);
    try {
      void message.success(await save(v));
      onClose();
    } catch (error) {
      setBanner(showProblem(form, error, fields, rename));
    }
  };

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
      <Form<Values>
        form={form}
        layout="vertical"
        className="lib-form"
        onFinish={submit}
        initialValues={initialValues}
      >
        {children}
      </Form>
    </Modal>
  );
};
