// The partner's own form (on the containers page): the test asserts it is never submitted by the
// button inside it.
export async function POST(): Promise<Response> {
  return new Response('partner form submitted', { status: 200 });
}
