// The README's Angular recipe: CUSTOM_ELEMENTS_SCHEMA on the component that uses the tag and the
// element defined once. Angular reads `(a:b)` as an event `b` on a global target `a`, so a
// `seekpass:*` event is listened to on the element itself.
import {
  AfterViewInit, Component, CUSTOM_ELEMENTS_SCHEMA, ElementRef, ViewChild, provideZonelessChangeDetection,
} from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { defineSeekPassButton } from 'seekpass-button';

defineSeekPassButton();

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `<seek-pass-button #button endpoint="/api/seekpass/add" credential-type="education"
    [attr.credential-ref]="reference" environment="staging"></seek-pass-button>`,
})
class App implements AfterViewInit {
  reference = 'grad-2024-0042';
  @ViewChild('button') button!: ElementRef<HTMLElement>;

  ngAfterViewInit() {
    this.button.nativeElement.addEventListener('seekpass:error', (e) => console.info(e.detail.code));
  }
}

bootstrapApplication(App, { providers: [provideZonelessChangeDetection()] }).catch((e) => console.error(e));
