import { Link } from '../app/router';
import { ScreenHeading } from '../ui/screen-heading';

/** An address no screen answers. */
export function NotFoundScreen() {
  return (
    <section className="card">
      <ScreenHeading title="Not found">Nothing here</ScreenHeading>
      <p>
        This address does not lead to a screen. <Link to="/">Go to Meanwhile</Link>.
      </p>
    </section>
  );
}
