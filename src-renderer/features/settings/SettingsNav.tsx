import { SETTINGS_SECTIONS, sectionId } from './settings-sections';

/** Settings' own navigation: one link per section, kept in view while the page scrolls. */
export function SettingsNav() {
  return (
    <nav className="settings-nav" aria-label="Settings sections">
      <ul>
        {SETTINGS_SECTIONS.map((section) => (
          <li key={section.id}>
            <a href={`#${sectionId(section.id)}`}>{section.title}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
