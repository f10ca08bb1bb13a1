// Staff as people read them: "name（id）" from the staff list in the caller's scope (the id alone for
// someone outside it), and the RMs a customer can be handed to.
import { useCallback, useMemo } from 'react';
import { useStaff } from '../customers/hooks';

export const useStaffDirectory = () => {
  const staff = useStaff();
  const items = useMemo(() => staff.data?.items ?? [], [staff.data]);
  const byId = useMemo(() => new Map(items.map((s) => [s.staffId, s])), [items]);
  const nameOf = useCallback(
    (staffId: string) => {
      const person = byId.get(staffId);
      return person ? `${person.name}（${staffId}）` : staffId;
    },
    [byId],
  );
  const rms = useMemo(() => items.filter((s) => s.role === 'rm'), [items]);
  return { loading: staff.isLoading, nameOf, rms };
};
