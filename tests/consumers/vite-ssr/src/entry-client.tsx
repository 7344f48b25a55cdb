import { defineSeekPassButton } from 'seekpass-button';
import 'seekpass-button/seekpass-button.css';
import { hydrateRoot } from 'react-dom/client';
import { App } from './App';

defineSeekPassButton();
const root = document.getElementById('root');
if (root) hydrateRoot(root, <App reference="grad-2024-0042" />);
