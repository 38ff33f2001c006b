/** The sidebar's "About Orgport" entry at the bottom, which opens the About box. */
import { useState } from 'react';
import { AboutDialog } from './AboutDialog.tsx';
import { LineIcon } from '../../components/LineIcon.tsx';
import './about.css';

/** The entry and its dialog. */
export function AboutButton(): React.JSX.Element {
  const [open, setOpen] = useState(false);
  return (
    <div className="about-entry">
      <button
        type="button"
        className="sidebar__link about-entry__button"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <LineIcon className="sidebar__icon" path="M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM12 11v6M12 7.5v.5" />
        About Orgport
      </button>
      <AboutDialog open={open} onClose={() => setOpen(false)} />
    </div>
  );
}
