// The org tree (antd Tree): opened from the caller's unit down, each level loaded as it is opened.
import { useState, type Key } from 'react';
import { Skeleton, Tree, type TreeDataNode } from 'antd';
import { useT } from '../i18n/i18n';
import { levelKey } from './levels';
import { useChildren, useOrg, usePrefetchChildren } from './hooks';
import type { Org } from './types';

export const OrgTree = ({
  rootId,
  selected,
  onSelect,
}: {
  rootId: string;
  selected: Org | undefined;
  onSelect: (org: Org) => void;
}) => {
  const t = useT();
  const root = useOrg(rootId);
  const [opened, setOpened] = useState<string[]>([rootId]);
  const [expanded, setExpanded] = useState<Key[]>([rootId]);
  const children = useChildren(opened);
  const prefetch = usePrefetchChildren();
  const byId = new Map<string, Org>();
  const open = async (orgId: string) => {
    await prefetch(orgId);
    setOpened((now) => (now.includes(orgId) ? now : [...now, orgId]));
  };

  const node = (org: Org): TreeDataNode => {
    byId.set(org.orgId, org);
    const kids = children.get(org.orgId);
    return {
      key: org.orgId,
      title: (
        <span data-testid={`org-${org.orgId}`}>
          {org.name} <span className="small">{t(levelKey(org.level))}</span>
        </span>
      ),
      isLeaf: org.level === 'outlet' || (kids !== undefined && kids.length === 0),
      ...(kids ? { children: kids.map(node) } : {}),
    };
  };

  if (!root.data) return <Skeleton active />;
  const treeData = [node(root.data)];
  return (
    <Tree
      aria-label={t('orgs.tree')}
      treeData={treeData}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys)}
      selectedKeys={selected ? [selected.orgId] : []}
      onSelect={(_keys, { node: picked }) => {
        const org = byId.get(String(picked.key));
        if (!org) return;
        onSelect(org);
        // choosing a unit opens it: its children are where a new unit will appear
        setExpanded((now) => (now.includes(org.orgId) ? now : [...now, org.orgId]));
        void open(org.orgId);
      }}
      loadData={({ key }) => open(String(key))}
    />
  );
};
