// 整体移交: when an RM leaves, every customer of theirs in the caller's scope goes to another RM. Choose
// the leaving RM (active or not); the request form then shows the preview before it is sent.
import { useState } from 'react';
import { Button, Form, Select, Typography } from 'antd';
import { useT } from '../i18n/i18n';
import { AllocationModal } from './AllocationModal';
import { useStaffDirectory } from './staff';

export const BookForm = () => {
  const t = useT();
  const staff = useStaffDirectory();
  const [from, setFrom] = useState<string>();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Typography.Paragraph type="secondary">{t('allocations.bookHint')}</Typography.Paragraph>
      <Form layout="vertical" className="alloc-form" onFinish={() => setOpen(true)} requiredMark>
        <Form.Item
          name="fromManagerId"
          label={t('allocations.from')}
          rules={[{ required: true, message: t('allocations.fromRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={staff.loading}
            onChange={(value: string) => setFrom(value)}
            options={staff.rms.map((s) => ({
              value: s.staffId,
              label: s.active
                ? staff.nameOf(s.staffId)
                : `${staff.nameOf(s.staffId)} · ${t('allocations.inactive')}`,
            }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('allocations.bookNext')}
        </Button>
      </Form>
      {open && from && (
        <AllocationModal
          moving={{ fromManagerId: from }}
          title={t('allocations.bookTitle', { name: staff.nameOf(from) })}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
};
