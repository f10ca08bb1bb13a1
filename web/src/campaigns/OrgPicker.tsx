// An org unit (or several) from the caller's own unit down: a tree that loads each unit's children
// as it opens (the bank's tree is read a level at a time, never whole).
import { useEffect, useState } from 'react';
import { TreeSelect } from 'antd';
import { useMyUnit } from '../app/useMyUnit';
import type { OrgView } from '../api/types';
import { fetchOrgChildren } from './hooks';

interface Node {
  id: string;
  pId?: string;
  value: string;
  title: string;
  isLeaf: boolean;
}

const nodeOf = (org: OrgView): Node => ({
  id: org.orgId,
  ...(org.parentId ? { pId: org.parentId } : {}),
  value: org.orgId,
  title: org.name,
  isLeaf: org.level === 'outlet',
});

type Props = {
  id?: string;
  placeholder?: string;
  'aria-label'?: string;
} & (
  | { multiple?: false; value?: string; onChange?: (orgId: string) => void }
  | { multiple: true; value?: string[]; onChange?: (orgIds: string[]) => void }
);

export const OrgPicker = (props: Props) => {
  const unit = useMyUnit();
  const [nodes, setNodes] = useState<Node[]>([]);
  useEffect(() => {
    if (unit.data) setNodes([{ ...nodeOf(unit.data), pId: undefined } as Node]);
  }, [unit.data]);
  const load = async (parentId: string) => {
    const children = await fetchOrgChildren(parentId);
    setNodes((known) => [
      ...known,
      ...children.filter((c) => !known.some((k) => k.id === c.orgId)).map(nodeOf),
    ]);
  };
  return (
    <TreeSelect
      id={props.id}
      aria-label={props['aria-label']}
      treeDataSimpleMode
      treeData={nodes}
      loadData={(node) => load(String(node.value))}
      multiple={props.multiple}
      value={props.value}
      onChange={props.onChange as (value: unknown) => void}
      placeholder={props.placeholder}
      allowClear={props.multiple}
      showSearch={{ treeNodeFilterProp: 'title' }}
      style={{ width: '100%' }}
    />
  );
};
