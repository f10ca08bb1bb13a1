// An in-app link: a real <a href> (open in a new tab works, screen readers see a link) that
// navigates without a reload.
import type { ReactNode } from 'react';
import { navigate } from './router';

export const Link = ({
  to,
  children,
  className,
}: {
  to: string;
  children: ReactNode;
  className?: string;
}) => (
  <a
    href={to}
    className={className}
    onClick={(e) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      navigate(to);
    }}
  >
    {children}
  </a>
);
