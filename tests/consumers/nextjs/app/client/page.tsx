import Link from 'next/link';
import { Callbacks } from './callbacks';

export default function ClientPage() {
  return (
    <>
      <h1>Callbacks</h1>
      <Callbacks />
      <p><Link href="/">Home</Link></p>
    </>
  );
}
