export { DocumentsSection } from './DocumentsSection';
